using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace ActorScale.Tests.Cluster;

/// <summary>Location transparency and scale-out on real silo processes with Redis membership.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class TopologyTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task Membership_IsInRedis_WithEverySiloActive()
    {
        var state = cluster.Refresh();

        var rows = await RedisMembership.ReadAsync(state.ClientSettings(cluster.Home).RedisOptions(), state.ServiceId, state.ClusterId);

        foreach (var silo in state.Silos.Where(s => s.Pid > 0))
        {
            Assert.Contains(rows, r => r.SiloName == silo.Name && r.Status == "Active" && r.SiloAddress.Contains($":{silo.SiloPort}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CartWrittenThroughOneGateway_IsReadThroughAnother()
    {
        var silos = cluster.Refresh().Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Take(2).ToList();
        await using var first = await cluster.PinnedAsync(silos[0]);
        await using var second = await cluster.PinnedAsync(silos[1]);
        var (user, token) = await first.Client.SignUpAsync("gw");

        await first.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "lamp-desk", 2);
        var view = await second.Client.Cart(user).GetAsync(token);

        Assert.Equal(("lamp-desk", 2), (Assert.Single(view.Lines).Sku, view.Lines[0].Quantity));
    }

    [Fact]
    public async Task ClusterAdd_WhileCallsRun_NewSiloBecomesActive_ClientSeesItsGateway_AndNewActivationsLandOnIt()
    {
        var (user, token) = await cluster.Client.SignUpAsync("scale");
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var background = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await cluster.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "pen-gel.black", 1);
                Interlocked.Increment(ref calls);
                if (calls >= 900)
                {
                    break;
                }
            }
        });

        var before = cluster.Refresh().Silos.Select(s => s.Name).ToHashSet();
        var state = await cluster.Launcher.AddAsync(1, CancellationToken.None);
        var added = state.Silos.Single(s => !before.Contains(s.Name));
        cluster.Refresh();

        var gateways = cluster.Connection.Services.GetRequiredService<IGatewayListProvider>();
        await Eventually.ReturnsAsync(
            $"the client's gateway list to include {added.Name}'s gateway :{added.GatewayPort}",
            async () => (await gateways.GetGateways()).Select(g => g.ToString()).ToList(),
            list => list.Any(g => g.Contains($":{added.GatewayPort}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        var landed = await Eventually.ReturnsAsync(
            $"a new user grain to activate on {added.Name}",
            async () => (await cluster.Client.Session(TestUsers.NewId("placed")).LocateAsync()).SiloName,
            silo => silo == added.Name,
            TimeSpan.FromSeconds(60));

        await stop.CancelAsync();
        await background;
        Assert.Equal(added.Name, landed);
        Assert.Equal(calls, Assert.Single((await cluster.Client.Cart(user).GetAsync(token)).Lines).Quantity);
    }
}
