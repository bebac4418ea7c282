using ActorScale.Abstractions.Catalog;
using ActorScale.Lab.Chaos;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Lab.Chaos;

/// <summary>A chaos user against the test cluster's grains: how often it ends its session, which sets how often it logs in.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class VirtualUserTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task SessionLength_KeepsTheFirstSession_WhileAUserWithoutOneLogsOutAndInAgain()
    {
        var kept = await RunAsync(TimeSpan.FromHours(1));
        var churned = await RunAsync(TimeSpan.Zero);

        Assert.Equal(1, kept.Count(e => e.Kind == OperationKind.Login));
        Assert.DoesNotContain(kept, e => e.Kind is OperationKind.Logout or OperationKind.RevokeAll);
        Assert.True(kept.Count(e => e.Kind == OperationKind.Read) > 10, $"{kept.Count} operations");
        Assert.Contains(churned, e => e.Kind is OperationKind.Logout or OperationKind.RevokeAll);
        Assert.True(churned.Count(e => e.Kind == OperationKind.Login) > 1, "the user logged in again after ending its session");
        Assert.All(kept.Concat(churned), e => Assert.Equal(Outcome.Ok, e.Outcome));
    }

    /// <summary>
    /// 50 steps of one user (seed 5), 25 ms apart: under the grain's own per-user limit on mutations. Counted, not timed:
    /// a fixed window gave a user on a busy machine (the suite's first seconds) too few steps.
    /// </summary>
    private async Task<IReadOnlyList<LedgerEntry>> RunAsync(TimeSpan sessionLength)
    {
        var user = TestUsers.NewId("vu");
        var ledger = new Ledger();
        var settings = new ChaosSettings { SessionLength = sessionLength, Think = TimeSpan.FromMilliseconds(25), RetryDeadline = TimeSpan.FromSeconds(10) };
        var skus = (await fixture.Client.GetGrain<ICatalogGrain>(0).ListAsync()).Select(p => p.Sku).ToList();
        var virtualUser = new VirtualUser(user, new GrainUserApi(fixture.Client, user), settings, ledger, new Random(5), skus);
        using var stop = new CancellationTokenSource();
        var running = virtualUser.RunAsync(stop.Token);
        await Eventually.ReturnsAsync("the virtual user to record 50 operations", () => Task.FromResult(ledger.Entries.Count), count => count >= 50, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;
        return ledger.Entries;
    }
}
