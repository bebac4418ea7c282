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
    protected override IReadOnlyList<Uri> BaseAddresses { get; } = cluster.RunningSilos().Select(s => new Uri(LocalCluster.HttpAddress(s.HttpPort))).ToList();

    [Fact]
    public async Task HealthLive_EachSilo_AnswersWithItsOwnName()
    {
        foreach (var silo in cluster.RunningSilos())
        {
            var response = await new ApiClient(new Uri(LocalCluster.HttpAddress(silo.HttpPort))).GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(silo.Name, (string?)(await ApiClient.JsonAsync(response))["silo"]);
        }
    }
}
