using System.Diagnostics;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>Real crashes: SIGKILL of a silo process, with state in PostgreSQL and membership in Redis.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class CrashTests(RealClusterFixture cluster)
{
    private const string Sku = "sticker-grain";

    [Fact]
    public async Task SigKill_OfTheSiloHostingACart_CallsRecover_AndNoAcknowledgedWriteIsLostOrDoubled()
    {
        var client = cluster.Client;
        var (user, token) = await client.SignUpAsync("crash");
        var cart = client.Cart(user);
        await cart.AddAsync(token, Guid.NewGuid(), Sku, 1);
        var before = await cart.LocateAsync();
        var victim = cluster.Refresh().Silos.Single(s => s.Name == before.SiloName);

        // A mutation in flight while its silo dies: its outcome is unknown, so it is retried with the same id.
        var racingId = Guid.NewGuid();
        var racing = cart.AddAsync(token, racingId, Sku, 1);
        NativeProcess.Signal(victim.Pid, NativeProcess.SigKill);
        var sinceKill = Stopwatch.StartNew();
        try
        {
            await racing;
        }
        catch (Exception)
        {
            // Unknown outcome (connection lost or timeout): exactly what the retry below must resolve.
        }

        await Eventually.ReturnsAsync("the racing add to be acknowledged after the kill", () => cart.AddAsync(token, racingId, Sku, 1), _ => true, TimeSpan.FromSeconds(30));
        var recovery = sinceKill.Elapsed;
        for (var i = 0; i < 20; i++)
        {
            var id = Guid.NewGuid();
            await Eventually.ReturnsAsync($"add #{i} to be acknowledged", () => cart.AddAsync(token, id, Sku, 1), _ => true, TimeSpan.FromSeconds(30));
        }

        var after = await cart.LocateAsync();
        var view = await cart.GetAsync(token);
        Assert.NotEqual(victim.Name, after.SiloName);
        Assert.Equal(1 + 1 + 20, Assert.Single(view.Lines).Quantity);
        Assert.True(recovery < TimeSpan.FromSeconds(30), $"recovered after {recovery}");

        await cluster.Launcher.RestartSiloAsync(victim.Name, CancellationToken.None);
        cluster.Refresh();
    }
}
