using System.Net;
using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Http.Admission;

public sealed class RateLimitTests
{
    private const string Client = "198.51.100.10";

    private static readonly Dictionary<string, string?> Tight = new()
    {
        ["CredentialsBurstPerAddress"] = "2",
        ["CredentialsPerSecondPerAddress"] = "1",
        ["ApiBurstPerUser"] = "3",
        ["ApiPerSecondPerUser"] = "1",
    };

    [Fact]
    public async Task Login_MoreThanTheBurstFromOneAddress_429TooManyRequestsWithRetryAfter()
    {
        await using var api = await AdmissionApi.StartAsync(Tight);
        await ProblemAssert.IsAsync(await api.LoginAsync(Client), HttpStatusCode.Unauthorized, "InvalidCredentials");
        await ProblemAssert.IsAsync(await api.LoginAsync(Client, user: "bob"), HttpStatusCode.Unauthorized, "InvalidCredentials");

        var refused = await api.LoginAsync(Client, user: "carol");
        var otherAddress = await api.LoginAsync("198.51.100.11");

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "TooManyRequests");
        await ProblemAssert.IsAsync(otherAddress, HttpStatusCode.Unauthorized, "InvalidCredentials");
    }

    [Fact]
    public async Task Register_SharesTheCredentialsLimitWithLogin_429()
    {
        await using var api = await AdmissionApi.StartAsync(Tight);
        await api.LoginAsync(Client);
        await api.LoginAsync(Client);

        var register = await api.SendAsync("POST", "/api/users", Client, json: """{"userId":"dave","password":"a password"}""");

        await ProblemAssert.IsAsync(register, HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    [Fact]
    public async Task Login_ForwardedForFromANonProxyPeer_IsIgnored()
    {
        await using var api = await AdmissionApi.StartAsync(Tight);
        await api.LoginAsync(Client, forwardedFor: "203.0.113.1");
        await api.LoginAsync(Client, forwardedFor: "203.0.113.2");

        var third = await api.LoginAsync(Client, forwardedFor: "203.0.113.3");

        await ProblemAssert.IsAsync(third, HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    [Fact]
    public async Task Login_ForwardedForFromAKnownProxy_CountsTheForwardedClient()
    {
        await using var api = await AdmissionApi.StartAsync(Tight);
        await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.1");
        await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.1");

        var sameClient = await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.1");
        var otherClient = await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.2");
        var spoofedChain = await api.LoginAsync("127.0.0.1", forwardedFor: "192.0.2.99, 203.0.113.1");

        await ProblemAssert.IsAsync(sameClient, HttpStatusCode.TooManyRequests, "TooManyRequests");
        await ProblemAssert.IsAsync(otherClient, HttpStatusCode.Unauthorized, "InvalidCredentials");
        await ProblemAssert.IsAsync(spoofedChain, HttpStatusCode.TooManyRequests, "TooManyRequests");
    }

    [Fact]
    public async Task Login_ProxyNotInKnownProxies_ForwardedForIgnored()
    {
        await using var api = await AdmissionApi.StartAsync(new Dictionary<string, string?>(Tight) { ["KnownProxies"] = "10.0.0.2" });
        await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.1");
        await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.2");

        var third = await api.LoginAsync("127.0.0.1", forwardedFor: "203.0.113.3");
        var viaConfiguredProxy = await api.LoginAsync("10.0.0.2", forwardedFor: "203.0.113.3");

        await ProblemAssert.IsAsync(third, HttpStatusCode.TooManyRequests, "TooManyRequests");
        await ProblemAssert.IsAsync(viaConfiguredProxy, HttpStatusCode.Unauthorized, "InvalidCredentials");
    }

    [Fact]
    public async Task Me_MoreThanTheBurstForOneUserFromManyAddresses_429()
    {
        await using var api = await AdmissionApi.StartAsync(Tight);
        for (var i = 1; i <= 3; i++)
        {
            await ProblemAssert.IsAsync(await api.SendAsync("GET", "/api/me", $"198.51.100.{i}", token: Token("alice")), HttpStatusCode.Unauthorized, "InvalidToken");
        }

        var refused = await api.SendAsync("GET", "/api/me", "198.51.100.4", token: Token("alice"));
        var otherUser = await api.SendAsync("GET", "/api/me", "198.51.100.4", token: Token("bob"));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "TooManyRequests");
        await ProblemAssert.IsAsync(otherUser, HttpStatusCode.Unauthorized, "InvalidToken");
    }

    [Fact]
    public async Task Me_ForgedTokensNamingAUser_DoNotSpendThatUsersAllowance()
    {
        var genuine = Token("alice");
        await using var api = await AdmissionApi.StartAsync(Tight, new OnlyToken(genuine));
        for (var i = 1; i <= 10; i++)
        {
            await api.SendAsync("GET", "/api/me", $"198.51.100.{i}", token: Token("alice"));
        }

        var owner = await api.SendAsync("GET", "/api/me", "198.51.100.20", token: genuine);

        // RefusingPorts refuses every token: reaching it (401, not 429) means the limiter let the owner through.
        await ProblemAssert.IsAsync(owner, HttpStatusCode.Unauthorized, "InvalidToken");
    }

    [Fact]
    public async Task Login_FromAnExemptAddress_NeverLimited()
    {
        await using var api = await AdmissionApi.StartAsync(new Dictionary<string, string?>(Tight) { ["ExemptAddresses"] = "192.0.2.7" });
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsAsync(await api.LoginAsync("192.0.2.7"), HttpStatusCode.Unauthorized, "InvalidCredentials");
        }
    }

    [Fact]
    public async Task HealthLive_BeyondEveryLimit_NotLimited()
    {
        await using var api = await AdmissionApi.StartAsync(new Dictionary<string, string?>(Tight) { ["ApiBurstPerAddress"] = "1" });
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync("GET", "/health/live", Client)).StatusCode);
        }
    }

    private static string Token(string user) => TokenSecrets.NewToken(user).ToString();

    /// <summary>A screen that knows one genuine token: an in-memory fake for this unit test.</summary>
    private sealed class OnlyToken(string genuine) : ActorScale.Http.Contract.ITokenScreen
    {
        public bool MayBeIssued(string token) => token == genuine;
    }
}
