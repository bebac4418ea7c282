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

    private async Task<ApiClient> BalancerAsync()
    {
        var state = cluster.Refresh();
        if (!NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            state = await cluster.Launcher.StartLoadBalancerAsync(state);
            cluster.Refresh();
        }

        return new ApiClient(new Uri(LocalCluster.HttpAddress(state.LbPort)));
    }

    /// <summary>The silo that answered <c>/health/live</c> through the balancer, for a request with this Authorization header.</summary>
    private static async Task<string> SiloOfAsync(ApiClient lb, string? authorization)
    {
        var response = authorization is null ? await lb.GetAsync("/health/live") : await lb.GetWithAuthorizationAsync("/health/live", authorization);
        return (string)(await ApiClient.JsonAsync(response))["silo"]!;
    }
}
