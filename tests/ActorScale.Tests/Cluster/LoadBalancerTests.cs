using System.Net;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary><c>cluster up --lb</c>: a private nginx in front of the real silos' HTTP APIs.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class LoadBalancerTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task LoadBalancer_EachUserToOneSilo_RequestsWithoutAUserReachEverySilo_AndServesTheApi()
    {
        var lb = await BalancerAsync();
        var running = cluster.State.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => s.Name).Order().ToList();

        // A silo that an earlier test restarted may still be starting: ask for up to 15 s.
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (seen.Count < running.Count && DateTime.UtcNow < deadline)
        {
            seen.Add(await SiloOfAsync(lb, authorization: null));
        }

        var perUser = new Dictionary<string, HashSet<string>>();
        for (var u = 0; u < 30; u++)
        {
            var token = $"Bearer as1.{TestUsers.NewId("route")}.{new string('A', 43)}";
            perUser[token] = [];
            for (var i = 0; i < 5; i++)
            {
                perUser[token].Add(await SiloOfAsync(lb, token));
            }
        }

        Assert.Equal(running, seen);
        Assert.All(perUser.Values, silos => Assert.Single(silos));
        Assert.True(perUser.Values.Select(s => s.Single()).Distinct().Count() > 1, "30 users all routed to one silo");
        Assert.Equal(HttpStatusCode.OK, (await lb.GetAsync("/api/catalog")).StatusCode);
    }

    [Fact]
    public async Task LoadBalancer_RegisterThroughIt_PlacesTheUsersGrainOnTheSiloItsRequestsReach()
    {
        var lb = await BalancerAsync();
        var misplaced = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var user = TestUsers.NewId("local");
            var credentials = new { userId = user, password = TestUsers.Password };
            // With an Idempotency-Key the request takes nginx's retriable path: it must be routed by the body all the same.
            Assert.Equal(HttpStatusCode.Created, (await lb.PostAsync("/api/users", credentials, idempotencyKey: i % 2 == 0 ? null : Guid.NewGuid().ToString())).StatusCode);
            var hostedOn = (await cluster.Client.Session(user).LocateAsync()).SiloName;
            var token = (string)(await ApiClient.JsonAsync(await lb.PostAsync("/api/sessions", credentials)))["token"]!;
            var routedTo = await SiloOfAsync(lb, $"Bearer {token}");
            if (routedTo != hostedOn)
            {
                misplaced.Add($"{user}: requests go to {routedTo}, grain on {hostedOn}");
            }
        }

        Assert.Empty(misplaced);
    }

    [Fact]
    public async Task FrozenSilo_LeavesTheBalancerOnceDeclaredDead_ItsUsersServedElsewhereWhileFrozen_BackAfterRestart()
    {
        var lb = await BalancerAsync();
        var victim = cluster.Refresh().Silos[^1];
        var token = await TokenRoutedToAsync(lb, victim.Name);
        var frozenAt = DateTime.UtcNow;

        NativeProcess.Signal(victim.Pid, NativeProcess.SigStop);
        try
        {
            await Eventually.ReturnsAsync($"{victim.Name} (frozen) out of nginx's upstream", () => Task.FromResult(NginxServer.UpstreamPorts(cluster.Home)), p => !p.Contains(victim.HttpPort), TimeSpan.FromSeconds(20));
            var removedAfter = DateTime.UtcNow - frozenAt;

            // Once nginx's old workers (the config with the frozen silo) have finished, its users go straight elsewhere.
            var (servedBy, took) = await Eventually.ReturnsAsync(
                "a request of the frozen silo's user answered by another silo within 1 s",
                async () =>
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var silo = await SiloOfAsync(lb, token);
                    return (silo, clock.Elapsed);
                },
                r => r.silo != victim.Name && r.Elapsed < TimeSpan.FromSeconds(1),
                TimeSpan.FromSeconds(10));

            Assert.NotEqual(victim.Name, servedBy);
            Assert.True(took < TimeSpan.FromSeconds(1));
            Assert.True(removedAfter < TimeSpan.FromSeconds(15), $"left the balancer {removedAfter.TotalSeconds:0.0} s after the freeze");
        }
        finally
        {
            NativeProcess.Signal(victim.Pid, NativeProcess.SigCont);
        }

        // Resumed, it learns it was declared dead and stops; restarted, it is ready and back in the balancer.
        await Eventually.ReturnsAsync($"{victim.Name} gone after its resume", () => NativeProcess.IsGoneAsync(victim.Pid, SiloBinary.ProgramName), gone => gone, TimeSpan.FromSeconds(30));
        var restarted = await cluster.Launcher.RestartSiloAsync(victim.Name, CancellationToken.None);
        await Eventually.ReturnsAsync($"{victim.Name} back in nginx's upstream", () => Task.FromResult(NginxServer.UpstreamPorts(cluster.Home)), p => p.Contains(restarted.HttpPort), TimeSpan.FromSeconds(10));
        await cluster.ReconnectAsync();
    }

    /// <summary>A bearer header whose user nginx routes to <paramref name="silo"/>.</summary>
    private static async Task<string> TokenRoutedToAsync(ApiClient lb, string silo)
    {
        for (var i = 0; i < 200; i++)
        {
            var token = $"Bearer as1.{TestUsers.NewId("frozen")}.{new string('A', 43)}";
            if (await SiloOfAsync(lb, token) == silo)
            {
                return token;
            }
        }

        throw new InvalidOperationException($"no user routed to {silo} in 200 tries");
    }

    private async Task<ApiClient> BalancerAsync() => new(new Uri(LocalCluster.HttpAddress((await cluster.BalancerAsync()).LbPort)));

    /// <summary>The silo that answered <c>/health/live</c> through the balancer, for a request with this Authorization header.</summary>
    private static async Task<string> SiloOfAsync(ApiClient lb, string? authorization)
    {
        var response = authorization is null ? await lb.GetAsync("/health/live") : await lb.GetWithAuthorizationAsync("/health/live", authorization);
        return (string)(await ApiClient.JsonAsync(response))["silo"]!;
    }
}
