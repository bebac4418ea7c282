using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// A silo cut off from its peers by real network rules (iptables, on loopback) while it keeps Redis, PostgreSQL and
/// its HTTP port, under load: it must refuse before its peers can serve its users elsewhere, so no logout or write
/// acknowledged elsewhere is ever contradicted by it. Without self-fencing this run found 101 revoked tokens accepted
/// and 21 stale reads (README, "Zombie silos").
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class PartitionTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task SiloCutOffFromItsPeers_RefusesBeforeItIsDeclaredDead_NoRevokedTokenAcceptedNoStaleRead()
    {
        var settings = new ChaosSettings
        {
            Duration = TimeSpan.FromSeconds(35),
            Users = 10,
            KillEvery = TimeSpan.FromSeconds(15),
            Mode = FaultMode.Partition,
            PartitionFor = TimeSpan.FromSeconds(12),
            Seed = 11,
        };

        var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, Path.Combine(cluster.Home.Root, "partition-test"), CancellationToken.None);
        cluster.Refresh();

        Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
        var partition = Assert.Single(report.Partitions);
        Assert.True(partition.Revocations >= 4 && partition.Writes >= 4, $"the probe must have had logouts and writes acknowledged elsewhere to ask about: {partition}");
        Assert.True(partition.Questions > 0, "the cut-off silo must have been asked");
        Assert.Empty(partition.Findings);
        Assert.Equal(0, partition.Unresolved);
        Assert.NotNull(partition.DeclaredDeadAfter);
        Assert.True(partition.RefusedAfter < partition.DeclaredDeadAfter, $"refused after {partition.RefusedAfter} s, declared dead after {partition.DeclaredDeadAfter} s");
        Assert.Equal(1.0, report.SuccessAfterRetryRate);
    }
}
