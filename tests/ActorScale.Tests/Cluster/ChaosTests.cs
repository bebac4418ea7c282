using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>The short chaos run of the normal suite: real SIGKILLs and a real PostgreSQL outage under load, then the ledger check.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class ChaosTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task KillsAndAPostgresOutageUnderLoad_NothingAcknowledgedIsLostDoubledOrResurrected()
    {
        var settings = new ChaosSettings
        {
            Duration = TimeSpan.FromSeconds(60),
            Users = 20,
            KillEvery = TimeSpan.FromSeconds(12),
            Mode = FaultMode.Kill,
            PostgresOutage = TimeSpan.FromSeconds(8),
            Seed = 7,
        };
        var folder = Path.Combine(cluster.Home.Root, "chaos-test");

        var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, folder, CancellationToken.None);
        cluster.Refresh();

        Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
        Assert.True(report.Faults.Count(f => f.Kind == "kill") >= 3, $"{report.Faults.Count(f => f.Kind == "kill")} kills");
        var outage = Assert.Single(report.Outages);
        Assert.Equal(0, outage.WritesAcknowledged);
        Assert.True(outage.ProbeReadsOk > 0, "reads of active grains must keep working while PostgreSQL is down");
        Assert.Equal(1.0, report.SuccessAfterRetryRate);
        Assert.True(report.OperationsByOutcome["Ok"] > 1000, $"{report.OperationsByOutcome["Ok"]} operations");
        Assert.True(File.Exists(report.ReportFile) && new FileInfo(report.TimelinePng!).Length > 10_000);
    }
}
