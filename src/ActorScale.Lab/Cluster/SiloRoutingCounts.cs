using System.Net.Http.Json;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A silo's <c>/silo/routing</c>: HTTP requests its user grains served for its own front door (<paramref name="Local"/>)
/// and for another silo's (<paramref name="Forwarded"/>: one hop between silos), and grains that moved to follow their users.
/// </summary>
public sealed record SiloRoutingCounts(long Local, long Forwarded, long Migrations)
{
    /// <summary>The forwarded share of the requests this silo's grains served.</summary>
    public double ForwardedShare => Local + Forwarded == 0 ? 0 : (double)Forwarded / (Local + Forwarded);

    /// <summary>The counts of a silo's HTTP API, or null when it does not answer.</summary>
    public static async Task<SiloRoutingCounts?> ReadAsync(HttpClient http, SiloRecord silo)
    {
        try
        {
            return await http.GetFromJsonAsync<SiloRoutingCounts>(new Uri(LocalCluster.HttpAddress(silo.HttpPort) + "/silo/routing"), LabJson.Options);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
