using System.Globalization;
using System.Text.Json;

namespace ActorScale.Lab.Cluster;

/// <summary>Reads the local Prometheus' HTTP API (<c>/api/v1/query</c>, <c>/api/v1/query_range</c>): per-silo series of <see cref="PrometheusServer"/>'s rules.</summary>
public sealed class PrometheusApi(HttpClient http, int port)
{
    public string Address => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The current value of <paramref name="query"/> per silo (label <c>silo</c>); a silo whose value is not a number (no requests yet: NaN) is left out.</summary>
    public async Task<IReadOnlyDictionary<string, double>> BySiloAsync(string query, CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", cancellationToken);
        var values = new Dictionary<string, double>();
        foreach (var series in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            if (Silo(series) is { } silo && Number(series.GetProperty("value")) is { } value)
            {
                values[silo] = value;
            }
        }

        return values;
    }

    /// <summary><paramref name="query"/> per silo from <paramref name="start"/> to <paramref name="end"/>, one point each <paramref name="step"/>.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset At, double Value)>>> RangeBySiloAsync(
        string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var path = $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}";
        using var document = await GetAsync(path, cancellationToken);
        var series = new Dictionary<string, IReadOnlyList<(DateTimeOffset, double)>>();
        foreach (var one in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            series[Silo(one) ?? "cluster"] = [.. one.GetProperty("values").EnumerateArray()
                .Select(point => (At: DateTimeOffset.FromUnixTimeMilliseconds((long)(point[0].GetDouble() * 1000)), Value: Number(point)))
                .Where(point => point.Value is not null)
                .Select(point => (point.At, point.Value!.Value))];
        }

        return series;
    }

    /// <summary>The targets Prometheus scrapes now (<c>/api/v1/targets</c>): each one's <c>silo</c> label and health (<c>up</c>, <c>down</c>, <c>unknown</c> before its first scrape).</summary>
    public async Task<IReadOnlyList<(string Silo, string Health)>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAsync("/api/v1/targets?state=active", cancellationToken);
        return [.. document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (t.GetProperty("labels").TryGetProperty("silo", out var silo) ? silo.GetString() ?? "" : "", t.GetProperty("health").GetString() ?? ""))
            .OrderBy(t => t.Item1.Length).ThenBy(t => t.Item1, StringComparer.Ordinal)];
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(Address + path), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"prometheus at {Address} answered {(int)response.StatusCode}: {body.Split('\n')[0]}");
        }

        return JsonDocument.Parse(body);
    }

    private static string? Silo(JsonElement series) =>
        series.GetProperty("metric").TryGetProperty("silo", out var silo) ? silo.GetString() : null;

    /// <summary>A sample is <c>[unix seconds, "value"]</c>; NaN and infinities are no value.</summary>
    private static double? Number(JsonElement sample) =>
        double.TryParse(sample[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
