namespace ActorScale.Lab.Cluster;

/// <summary>
/// One silo's load at one moment, from the cluster's Prometheus (<see cref="PrometheusServer"/>'s rules over the last
/// 10 s): what <c>cluster top</c> shows and <c>cluster autoscale</c> decides on. A figure Prometheus has no value for yet
/// (a silo scraped fewer than twice, no request in the window) is null.
/// </summary>
public sealed record SiloLoad(string Silo, double? RequestsPerSecond, double? P99Milliseconds, double? Activations, double? ForwardedShare, double? CpuCores)
{
    /// <summary>Every silo Prometheus has a series for, by name.</summary>
    public static async Task<IReadOnlyList<SiloLoad>> ReadAsync(PrometheusApi prometheus, CancellationToken cancellationToken = default)
    {
        var rates = await prometheus.BySiloAsync(PrometheusServer.RequestRate, cancellationToken);
        var p99s = await prometheus.BySiloAsync(PrometheusServer.LatencyP99, cancellationToken);
        var activations = await prometheus.BySiloAsync(PrometheusServer.Activations, cancellationToken);
        var forwarded = await prometheus.BySiloAsync(PrometheusServer.ForwardedShare, cancellationToken);
        var cpu = await prometheus.BySiloAsync(PrometheusServer.CpuCores, cancellationToken);
        return [.. rates.Keys.Concat(activations.Keys).Concat(cpu.Keys).Distinct()
            .OrderBy(name => name.Length).ThenBy(name => name, StringComparer.Ordinal)
            .Select(name => new SiloLoad(
                name,
                Value(rates, name),
                Value(p99s, name) * 1000,
                Value(activations, name),
                Value(forwarded, name),
                Value(cpu, name)))];
    }

    private static double? Value(IReadOnlyDictionary<string, double> values, string silo) => values.TryGetValue(silo, out var value) ? value : null;
}
