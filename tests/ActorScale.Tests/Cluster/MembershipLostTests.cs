using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Redis loses the membership table (dotnet/orleans #7784): restarted with its append-only file it keeps it; restarted
/// empty, the silos notice their rows are gone and rejoin one at a time, each restarting in place (same PID), with no
/// operator.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class MembershipLostTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task RedisRestarted_AppendOnlyFileKeepsTheTable_SameSilosStillActive()
    {
        var before = await ActiveAddressesAsync();

        await cluster.Launcher.RestartRedisAsync();

        var after = await Eventually.ReturnsAsync("the membership table back from Redis's append-only file", ActiveAddressesAsync, a => a.Count == RealClusterFixture.Silos, TimeSpan.FromSeconds(10));
        Assert.Equal(before.Order(), after.Order());
    }

    [Fact]
    public async Task RedisRestartedEmpty_SilosRejoinByThemselves_WithinThirtySeconds_SamePidsAndServing()
    {
        var pids = cluster.Refresh().Silos.Select(s => s.Pid).Order().ToList();
        var (user, token) = await cluster.Client.SignUpAsync("rejoin");

        await cluster.Launcher.RestartRedisEmptyAsync();

        var rows = await Eventually.ReturnsAsync(
            "every silo Active again in the new, empty table",
            async () => await RedisMembership.ReadAsync(cluster.State.ClientSettings(cluster.Home).RedisOptions(), cluster.State.ServiceId, cluster.State.ClusterId),
            r => cluster.State.Silos.All(s => r.Any(m => m.SiloName == s.Name && m.Status == "Active")),
            TimeSpan.FromSeconds(30));
        Assert.Equal(pids, cluster.Refresh().Silos.Select(s => s.Pid).Order().ToList());
        Assert.True(cluster.State.Silos.All(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)), "every silo process still runs (restarted in place)");
        await cluster.ReconnectAsync();
        var cart = await Eventually.ReturnsAsync("the user's cart served after the rejoin", () => cluster.Client.Cart(user).GetAsync(token), _ => true, TimeSpan.FromSeconds(20));
        Assert.Empty(cart.Lines);
        Assert.Equal(RealClusterFixture.Silos, rows.Count(r => r.Status == "Active"));
    }

    private async Task<List<string>> ActiveAddressesAsync() =>
        [.. (await RedisMembership.ReadAsync(cluster.Refresh().ClientSettings(cluster.Home).RedisOptions(), cluster.State.ServiceId, cluster.State.ClusterId))
            .Where(m => m.Status == "Active").Select(m => m.SiloAddress)];
}
