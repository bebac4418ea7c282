using System.Net;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>
/// The HTTP API contract against the silos themselves: real processes started by the launcher, each serving the API on
/// its own loopback port (read from the recorded cluster state); requests go to different silos in turn.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class SiloApiTests(RealClusterFixture cluster) : ApiContractTests
{
    protected override IReadOnlyList<Uri> BaseAddresses { get; } = RunningSilos(cluster).Select(s => new Uri(LocalCluster.HttpAddress(s.HttpPort))).ToList();

    [Fact]
    public async Task HealthLive_EachSilo_AnswersWithItsOwnName()
    {
        foreach (var silo in RunningSilos(cluster))
        {
            var response = await new ApiClient(new Uri(LocalCluster.HttpAddress(silo.HttpPort))).GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(silo.Name, (string?)(await ApiClient.JsonAsync(response))["silo"]);
        }
    }

    /// <summary>The silos running now (other tests of the collection kill, add and restart silos), at least two.</summary>
    private static List<SiloRecord> RunningSilos(RealClusterFixture cluster)
    {
        var running = cluster.Refresh().Silos.Where(s => s.HttpPort > 0 && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        Assert.True(running.Count >= 2, $"the API tests need two running silos with HTTP; running: {string.Join(", ", running.Select(s => s.Name))}");
        return running;
    }
}
