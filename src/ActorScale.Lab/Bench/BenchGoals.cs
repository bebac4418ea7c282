using System.Globalization;

namespace ActorScale.Lab.Bench;

/// <summary>The goals the comparison is held to: grains through HTTP against redis-session, and revocation against jwt.</summary>
public static class BenchGoals
{
    public static IReadOnlyList<GoalResult> Evaluate(BenchReport report)
    {
        var grains = report.Find(BenchDesigns.GrainsHttp);
        var jwt = report.Find(BenchDesigns.Jwt);
        WorkloadResult? Grains(string workload) => grains?.Find(workload);

        return
        [
            Ratio("session check: throughput ≥ 1.0× redis-session", Grains(BenchWorkloads.Session)?.ThroughputVsRedisSession, r => r >= 1.0),
            Ratio("session check: p99 latency ≤ 1.0× redis-session", Grains(BenchWorkloads.Session)?.P99VsRedisSession, r => r <= 1.0),
            Ratio("cart read: throughput ≥ 5× redis-session", Grains(BenchWorkloads.CartRead)?.ThroughputVsRedisSession, r => r >= 5.0),
            Grains(BenchWorkloads.CartRead)?.PostgresReadsPer1000Requests is { } reads
                ? new GoalResult("cart read: ≤ 10 PostgreSQL reads per 1 000 requests", string.Create(CultureInfo.InvariantCulture, $"{reads:0.##} per 1 000 (redis-session: {report.Find(BenchDesigns.RedisSession)?.Find(BenchWorkloads.CartRead)?.PostgresReadsPer1000Requests:0})"), reads <= 10)
                : new GoalResult("cart read: ≤ 10 PostgreSQL reads per 1 000 requests", "not measured", null),
            Ratio("durable cart write: throughput ≥ 0.8× redis-session", Grains(BenchWorkloads.CartWrite)?.ThroughputVsRedisSession, r => r >= 0.8),
            grains is null || jwt is null || grains.Revocation.Samples == 0 || jwt.Revocation.Samples == 0
                ? new GoalResult("revocation lag: 0 for grains, > 0 for jwt", "not measured", null)
                : new GoalResult(
                    "revocation lag: 0 for grains, > 0 for jwt",
                    $"grains-http {grains.Revocation.Summary}; jwt {jwt.Revocation.Summary}",
                    grains.Revocation.RefusedEverywhere == grains.Revocation.Samples && grains.Revocation.MaxLagMs == 0
                        && (jwt.Revocation.RefusedEverywhere < jwt.Revocation.Samples || jwt.Revocation.MaxLagMs > 0)),
            TlsCost(report),
        ];
    }

    /// <summary>The lowest ratio over the workloads of grains-orleans (mutual TLS) to grains-orleans-plaintext throughput.</summary>
    private static GoalResult TlsCost(BenchReport report)
    {
        const string goal = "mutual TLS: grains-orleans throughput ≥ 0.85× without TLS (every workload)";
        var tls = report.Find(BenchDesigns.GrainsOrleans);
        var plaintext = report.Find(BenchDesigns.GrainsOrleansPlaintext);
        var ratios = tls is null || plaintext is null
            ? []
            : tls.Workloads.Select(w => (w.Workload, Plain: plaintext.Find(w.Workload)?.Throughput ?? 0, w.Throughput)).Where(r => r.Plain > 0).Select(r => (r.Workload, Ratio: r.Throughput / r.Plain)).ToList();
        if (ratios.Count == 0)
        {
            return new GoalResult(goal, "not measured", null);
        }

        var worst = ratios.MinBy(r => r.Ratio);
        return new GoalResult(goal, string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", ratios.Select(r => $"{r.Workload} {r.Ratio:0.00}×"))}"), worst.Ratio >= 0.85);
    }

    private static GoalResult Ratio(string goal, double? ratio, Func<double, bool> met) =>
        ratio is { } value
            ? new GoalResult(goal, string.Create(CultureInfo.InvariantCulture, $"{value:0.00}×"), met(value))
            : new GoalResult(goal, "not measured", null);
}
