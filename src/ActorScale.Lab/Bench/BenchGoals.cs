using System.Globalization;

namespace ActorScale.Lab.Bench;

/// <summary>
/// The goals the comparison is held to: grains through HTTP against the strongest stateless design for each measure
/// (redis-cache for carts, redis-session and jwt for session checks), the floor, read-your-writes, revocation and TLS.
/// </summary>
public static class BenchGoals
{
    public static IReadOnlyList<GoalResult> Evaluate(BenchReport report)
    {
        var grains = report.Find(BenchDesigns.GrainsHttp);
        var cache = report.Find(BenchDesigns.RedisCache);
        var session = report.Find(BenchDesigns.RedisSession);
        var jwt = report.Find(BenchDesigns.Jwt);
        var floor = report.Find(BenchDesigns.Noop);
        var regime = report.Settings.Direct ? "--direct" : "behind nginx";
        WorkloadResult? Grains(string workload) => grains?.Find(workload);
        double? Versus(string workload, DesignResult? other, Func<WorkloadResult, double> figure) =>
            Grains(workload) is { } g && other?.Find(workload) is { } o && figure(o) > 0 ? figure(g) / figure(o) : null;
        var half = grains?.FindOpenLoop(BenchWorkloads.CartRead, 50);

        return
        [
            Ratio("cart read: throughput ≥ 1.5× redis-cache", Versus(BenchWorkloads.CartRead, cache, w => w.Throughput), r => r >= 1.5),
            Ratio("cart read: p99 ≤ 0.7× redis-cache at 50 % offered load (open loop)", half?.P99VsRedisCache, r => r <= 0.7),
            Ratio("cart read: throughput ≥ 0.9× the floor (noop)", Grains(BenchWorkloads.CartRead)?.ThroughputVsFloor, r => r >= 0.9),
            Ratio($"session check: throughput ≥ 1.5× redis-session ({regime})", Grains(BenchWorkloads.Session)?.ThroughputVsRedisSession, r => r >= 1.5),
            Ratio("session check: throughput ≥ 0.85× jwt (no store either)", Versus(BenchWorkloads.Session, jwt, w => w.Throughput), r => r >= 0.85),
            Ratio("durable cart write: throughput ≥ 1.0× redis-cache", Versus(BenchWorkloads.CartWrite, cache, w => w.Throughput), r => r >= 1.0),
            Ratio("durable cart write: p99 ≤ 1.0× redis-cache", Versus(BenchWorkloads.CartWrite, cache, w => w.Latency.P99), r => r <= 1.0),
            ReadYourWrites(report, grains),
            Ratio("cart read: CPU seconds per 1 000 requests (all server-side processes) ≤ 0.5× redis-cache", Versus(BenchWorkloads.CartRead, cache, w => w.CpuSecondsPer1000Requests), r => r <= 0.5),
            Grains(BenchWorkloads.CartRead)?.PostgresReadsPer1000Requests is { } reads
                ? new GoalResult("cart read: ≤ 10 PostgreSQL reads per 1 000 requests", string.Create(CultureInfo.InvariantCulture, $"{reads:0.##} per 1 000{(session?.Find(BenchWorkloads.CartRead)?.PostgresReadsPer1000Requests is { } baseline ? $" (redis-session: {baseline:0})" : "")}"), reads <= 10)
                : new GoalResult("cart read: ≤ 10 PostgreSQL reads per 1 000 requests", "not measured", null),
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

    /// <summary>Grains must never miss an acknowledged write; every other design's rate is reported beside.</summary>
    private static GoalResult ReadYourWrites(BenchReport report, DesignResult? grains)
    {
        const string goal = "read-your-writes violations: 0 for grains (every design's rate measured)";
        if (grains?.Staleness is not { Reads: > 0 } measured)
        {
            return new GoalResult(goal, "not measured", null);
        }

        var all = report.Designs.Where(d => d.Staleness is { Reads: > 0 })
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Design} {d.Staleness!.Violations}/{d.Staleness.Reads}"));
        return new GoalResult(goal, string.Join(", ", all), measured.Violations == 0);
    }

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
