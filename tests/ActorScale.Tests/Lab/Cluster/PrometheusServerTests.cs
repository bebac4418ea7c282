using System.Text.Json;
using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>The file-based service discovery of the cluster's Prometheus: one target per running silo, rewritten with the silo list (pure file logic; the real Prometheus is in Cluster/PrometheusTests).</summary>
public sealed class PrometheusServerTests : IDisposable
{
    private readonly ClusterHome _home = new(Path.Combine(Path.GetTempPath(), $"actorscale-prom-{Guid.NewGuid():N}"[..28]));

    [Fact]
    public void Targets_OneEntryPerRunningSilo_LabelledWithItsName()
    {
        var state = new ClusterState
        {
            Silos =
            [
                Silo("silo-1", pid: 10, metricsPort: 9001),
                Silo("silo-2", pid: 0, metricsPort: 9002),
                Silo("silo-3", pid: 12, metricsPort: 9003),
            ],
        };

        using var targets = JsonDocument.Parse(PrometheusServer.Targets(state));

        Assert.Equal(
            [("127.0.0.1:9001", "silo-1"), ("127.0.0.1:9003", "silo-3")],
            targets.RootElement.EnumerateArray().Select(t => (t.GetProperty("targets")[0].GetString(), t.GetProperty("labels").GetProperty("silo").GetString())).ToList());
    }

    [Fact]
    public void WriteTargets_FollowsTheSiloList_OnlyWhereAPrometheusWasSetUp()
    {
        PrometheusServer.WriteTargets(_home, new ClusterState { Silos = [Silo("silo-1", 10, 9001)] });
        Assert.False(File.Exists(PrometheusServer.TargetsFile(_home)));

        Directory.CreateDirectory(PrometheusServer.Folder(_home));
        PrometheusServer.WriteTargets(_home, new ClusterState { Silos = [Silo("silo-1", 10, 9001), Silo("silo-2", 11, 9002)] });
        Assert.Contains("silo-2", File.ReadAllText(PrometheusServer.TargetsFile(_home)), StringComparison.Ordinal);

        PrometheusServer.WriteTargets(_home, new ClusterState { Silos = [Silo("silo-1", 10, 9001), Silo("silo-2", 0, 9002)] });
        Assert.DoesNotContain("silo-2", File.ReadAllText(PrometheusServer.TargetsFile(_home)), StringComparison.Ordinal);
        Assert.False(File.Exists(PrometheusServer.TargetsFile(_home) + ".next"));
    }

    [Fact]
    public void Rules_RecordEveryFigureTheCommandsRead_LeavingProbesAndScrapesOut()
    {
        var rules = PrometheusServer.Rules();

        foreach (var record in new[] { PrometheusServer.RequestRate, PrometheusServer.LatencyP99, PrometheusServer.Activations, PrometheusServer.ForwardedShare, PrometheusServer.CpuCores })
        {
            Assert.Contains($"record: {record}", rules, StringComparison.Ordinal);
        }

        Assert.Contains("http_route!~\"/health/.*|/metrics|/dashboard.*\"", rules, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home.Root))
        {
            Directory.Delete(_home.Root, recursive: true);
        }
    }

    private static SiloRecord Silo(string name, int pid, int metricsPort) =>
        new(name, 1, 2, pid, $"/tmp/{name}.log", 3) { MetricsPort = metricsPort };
}
