using System.Collections.Concurrent;
using System.Net;
using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>
/// Where <see cref="HttpBenchTarget"/> sends each request, against an in-memory stand-in for the servers (a message
/// handler that records the address asked and answers every call): through the balancer, or with <c>--direct</c> each
/// user's every request to one server.
/// </summary>
public sealed class HttpBenchTargetTests
{
    private static readonly Uri Balancer = new("https://127.0.0.1:9000/");
    private static readonly Uri[] Servers = [new("http://127.0.0.1:9001/"), new("http://127.0.0.1:9002/")];

    [Fact]
    public async Task Direct_EachUsersRequestsReachOneServer_BothServersServe_TheBalancerNone()
    {
        var (target, seen) = Target(direct: true);

        var perUser = new Dictionary<string, HashSet<string>>();
        for (var u = 0; u < 20; u++)
        {
            var user = $"user-{u}";
            seen.Clear();
            await target.RegisterAsync(user, "password-1", CancellationToken.None);
            var token = await target.LoginAsync(user, "password-1", CancellationToken.None);
            await target.CheckSessionAsync(token, CancellationToken.None);
            await target.ReadCartAsync(token, CancellationToken.None);
            await target.SetQuantityAsync(token, "lamp-desk", 2, CancellationToken.None);
            perUser[user] = [.. seen.Select(uri => uri.Authority)];
        }

        Assert.All(perUser, user => Assert.True(user.Value.Count == 1, $"{user.Key} reached {string.Join(", ", user.Value)}"));
        Assert.Equal(Servers.Select(s => s.Authority).Order(), perUser.Values.Select(v => v.Single()).Distinct().Order());
    }

    [Fact]
    public async Task ThroughTheBalancer_EveryWorkloadRequestGoesToIt()
    {
        var (target, seen) = Target(direct: false);

        var token = await target.LoginAsync("user-1", "password-1", CancellationToken.None);
        await target.CheckSessionAsync(token, CancellationToken.None);
        await target.ReadCartAsync(token, CancellationToken.None);

        Assert.All(seen, uri => Assert.Equal(Balancer.Authority, uri.Authority));
    }

    private static (HttpBenchTarget Target, ConcurrentBag<Uri> Seen) Target(bool direct)
    {
        var seen = new ConcurrentBag<Uri>();
        var http = new HttpClient(new StandIn(seen));
        return (new HttpBenchTarget("stand-in", http, Balancer, Servers, direct), seen);
    }

    /// <summary>Answers every request with 200: a login with a token of the user named in its body, anything else with <c>{}</c>.</summary>
    private sealed class StandIn(ConcurrentBag<Uri> seen) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.RequestUri!);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var json = request.RequestUri!.AbsolutePath == "/api/sessions"
                ? $"{{\"token\":\"as1.{System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("userId").GetString()}.secret\"}}"
                : "{}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json) };
        }
    }
}
