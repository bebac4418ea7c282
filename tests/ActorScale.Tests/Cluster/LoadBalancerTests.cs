using System.Net;
using ActorScale.Client.Cluster;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary><c>cluster up --lb</c>: a private nginx in front of the real silos' HTTP APIs.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class LoadBalancerTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task LoadBalancer_RoundRobin_ReachesEveryRunningSilo_AndServesTheApi()
    {
        var state = cluster.Refresh();
        if (!NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            state = await cluster.Launcher.StartLoadBalancerAsync(state);
        }

        var lb = new ApiClient(new Uri(LocalCluster.HttpAddress(state.LbPort)));
        var running = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => s.Name).Order().ToList();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2 * state.Silos.Count; i++)
        {
            seen.Add((string)(await ApiClient.JsonAsync(await lb.GetAsync("/health/live")))["silo"]!);
        }

        Assert.Equal(running, seen);
        Assert.Equal(HttpStatusCode.OK, (await lb.GetAsync("/api/catalog")).StatusCode);
    }
}
