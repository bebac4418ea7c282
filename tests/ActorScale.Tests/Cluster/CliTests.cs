using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>The <c>actorscale</c> console as a process against the real cluster: JSON output, exit codes, one-line errors.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class CliTests(RealClusterFixture cluster) : IDisposable
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"actorscale-profile-{Guid.NewGuid():N}.json");

    private Cli Cli => new(cluster.Home.Root, _profile);

    [Fact]
    public async Task RegisterLoginCartCheckout_EachJsonRunPrintsExactlyOneDocument()
    {
        var user = TestUsers.NewId("cli");

        var register = await Cli.RunWithInputAsync(TestUsers.Password + "\n", "user", "register", user, "--password-stdin", "--json");
        var login = await Cli.RunWithInputAsync(TestUsers.Password + "\n", "user", "login", user, "--password-stdin", "--json");
        var add = await Cli.RunAsync("cart", "add", "mug-actor", "2", "--json");
        var show = await Cli.RunAsync("cart", "show", "--json");
        var checkout = await Cli.RunAsync("cart", "checkout", "--json");
        var orders = await Cli.RunAsync("orders", "--json");
        var whoami = await Cli.RunAsync("user", "whoami", "--json");

        foreach (var run in new[] { register, login, add, show, checkout, orders, whoami })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(run.Json.GetProperty("ok").GetBoolean(), run.ToString());
        }

        Assert.Equal(2500, show.Json.GetProperty("result").GetProperty("totalCents").GetInt64());
        Assert.Equal(checkout.Json.GetProperty("result").GetProperty("orderId").GetString(), orders.Json.GetProperty("result")[0].GetProperty("orderId").GetString());
        Assert.Equal(user, whoami.Json.GetProperty("result").GetProperty("session").GetProperty("userId").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_profile));
    }

    [Fact]
    public async Task BadInput_OneLineOnStderr_StableCodeInJson_AndNothingChanges()
    {
        await LoginAsync();

        var unknown = await Cli.RunAsync("cart", "add", "no-such-sku", "--json");
        var zero = await Cli.RunAsync("cart", "set", "mug-actor", "0");
        var badUser = await Cli.RunWithInputAsync(TestUsers.Password + "\n", "user", "register", "AB", "--password-stdin", "--json");
        var notANumber = await Cli.RunAsync("cart", "add", "mug-actor", "many");
        var show = await Cli.RunAsync("cart", "show", "--json");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("UnknownSku", unknown.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, zero.ExitCode);
        Assert.Equal("InvalidUserId", badUser.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, notANumber.ExitCode);
        foreach (var run in new[] { unknown, zero, badUser, notANumber })
        {
            Assert.True(run.ErrorLines.Length == 1, run.ToString());
            Assert.DoesNotContain("   at ", run.Errors + run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, show.Json.GetProperty("result").GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task ClusterUp_SiloMemoryThatIsNoSize_OneLine_BadRequest_BeforeAnythingStarts()
    {
        var run = await Cli.RunAsync("cluster", "up", "--silo-memory", "lots", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("BadRequest", run.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("--silo-memory 'lots'", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(run.ErrorLines.Length == 1, run.ToString());
    }

    [Fact]
    public async Task Chaos_FloodWithoutHttp_OneLine_BadRequest_BeforeAnythingStarts()
    {
        var run = await Cli.RunAsync("chaos", "--flood", "4", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("BadRequest", run.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("--via http", run.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(run.ErrorLines.Length == 1, run.ToString());
    }

    [Fact]
    public async Task SameOperationId_RerunOfACommand_IsAppliedOnce()
    {
        await LoginAsync();
        var operation = Guid.NewGuid().ToString();

        var first = await Cli.RunAsync("cart", "add", "lamp-desk", "2", "--op-id", operation, "--json");
        var again = await Cli.RunAsync("cart", "add", "lamp-desk", "2", "--op-id", operation, "--json");

        Assert.False(first.Json.GetProperty("result").GetProperty("replayed").GetBoolean());
        Assert.True(again.Json.GetProperty("result").GetProperty("replayed").GetBoolean());
        Assert.Equal(2, again.Json.GetProperty("result").GetProperty("cart").GetProperty("lines")[0].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task NoSiloReachable_FailsWithinSecondsWithOneClearLine()
    {
        var closed = NativeProcess.FreeLoopbackPort();

        var run = await Cli.RunAsync("catalog", "--gateway", $"127.0.0.1:{closed}");

        Assert.Equal(3, run.ExitCode);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(15), $"took {run.Elapsed}");
        Assert.Contains("cannot reach the cluster", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotLoggedIn_SaysWhatToRun()
    {
        var run = await Cli.RunAsync("cart", "show");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("actorscale user login", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_profile);

    private async Task LoginAsync()
    {
        var user = TestUsers.NewId("cli");
        Assert.Equal(0, (await Cli.RunWithInputAsync(TestUsers.Password + "\n", "user", "register", user, "--password-stdin")).ExitCode);
        Assert.Equal(0, (await Cli.RunWithInputAsync(TestUsers.Password + "\n", "user", "login", user, "--password-stdin")).ExitCode);
    }
}
