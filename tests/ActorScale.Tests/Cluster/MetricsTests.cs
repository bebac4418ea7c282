using ActorScale.Lab.Chaos;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// The silos' management port on the real cluster: Prometheus-format metrics from Orleans, ASP.NET Core, the runtime,
/// Npgsql and ActorScale's own instruments, counting what a user just did; and nothing but <c>/metrics</c> there, no
/// <c>/metrics</c> on the API's port.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class MetricsTests(RealClusterFixture cluster)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task MetricsPort_ServesEveryMetricSource_CountsALoginAndACartReplay_AndNothingElse()
    {
        var silos = cluster.RunningSilos();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var api = new HttpUserApi(http, new Uri(LocalCluster.HttpAddress(silos[0].HttpPort)), TestUsers.NewId("metrics"));
        await api.RegisterAsync(Password, Guid.NewGuid());
        var login = await api.LoginAsync(Password);
        var operation = Guid.NewGuid();
        await api.AddAsync(login.Token, operation, "mug-actor", 1);
        await api.AddAsync(login.Token, operation, "mug-actor", 1);

        // The user's grain may live on any silo: the counters are the sum over every silo's scrape.
        var text = await Eventually.ReturnsAsync(
            "every silo's /metrics, together counting a login, an applied and a replayed cart add",
            async () => string.Join('\n', await Task.WhenAll(silos.Select(s => http.GetStringAsync(new Uri($"{LocalCluster.HttpAddress(s.MetricsPort)}/metrics"))))),
            all => all.Contains("actorscale_sessions_opened_total", StringComparison.Ordinal)
                && all.Contains("outcome=\"applied\"", StringComparison.Ordinal)
                && all.Contains("outcome=\"replayed\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));

        foreach (var name in new[]
        {
            "orleans_catalog_activations", "orleans_app_requests_latency_milliseconds_bucket",
            "http_server_request_duration_seconds_bucket", "kestrel_active_connections",
            "dotnet_gc_collections_total", "db_client_operation_duration_seconds_bucket",
            "actorscale_cart_operations_total{", "actorscale_operation_id_replays_total{", "served=\"local\"} ",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        using var onManagement = await http.GetAsync(new Uri($"{LocalCluster.HttpAddress(silos[0].MetricsPort)}/api/catalog"));
        using var onApi = await http.GetAsync(new Uri($"{LocalCluster.HttpAddress(silos[0].HttpPort)}/metrics"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onManagement.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onApi.StatusCode);
    }
}
