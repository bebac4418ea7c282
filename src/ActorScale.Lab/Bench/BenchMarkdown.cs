using System.Globalization;
using System.Text;

namespace ActorScale.Lab.Bench;

/// <summary>
/// report.md: the literature's "JWT vs Redis Session Store" table with a measured column per design (each figure beside
/// its ratio to redis-session in the same run), the goals, and one detailed table per workload.
/// </summary>
public static class BenchMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchReport report, string? command = null)
    {
        var designs = report.Designs;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# actorscale bench, {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        if (command is not null)
        {
            md.AppendLine(Invariant, $"Command: `{command}`");
            md.AppendLine();
        }

        md.AppendLine(Invariant, $"Machine: {report.Machine}.");
        md.AppendLine();
        var s = report.Settings;
        md.AppendLine(Invariant, $"Load: {s.Servers} server processes per design, {s.Users} users, {s.Concurrency} requests in flight (closed loop, one load generator on the same machine), {s.Warmup.TotalSeconds:0.#} s warm-up then {s.Duration.TotalSeconds:0.#} s measured per workload; {s.RevocationSamples} revocations per design; {(s.Direct ? "the HTTP designs' requests go straight to the servers' plain HTTP ports, each user to one server (`--direct`: no balancer)" : $"the HTTP designs' balancers speak {(s.PlainHttp ? "plain HTTP (`--plain-http`)" : "HTTPS (TLS, a certificate of the cluster's authority)")}")}, the Orleans ports mutual TLS (except `grains-orleans-plaintext`); every server process runs with {string.Join(", ", s.ServerEnvironment.Select(e => $"`{e.Key}={e.Value}`"))}.{(s.DbShards > 1 ? $" Grain state and the baseline's tables on {s.DbShards} PostgreSQL servers, each user on the shard of the same hash (`--db-shards`); PostgreSQL statement counts are shard 0's." : "")}{(s.Quick ? " **Quick run: a smoke test, not a measurement.**" : "")}");
        md.AppendLine();
        foreach (var design in designs)
        {
            md.AppendLine(Invariant, $"- `{design.Design}`: {design.Description}{Warmed(design.Warmup)}");
        }

        md.AppendLine();
        md.AppendLine("## Grains vs Redis session store vs JWT, measured");
        md.AppendLine();
        md.AppendLine("Each figure with its ratio to `redis-session` in this run. Store round trips count every Redis command and PostgreSQL statement the servers sent in the window, per request served.");
        md.AppendLine();
        md.AppendLine("| | " + string.Join(" | ", designs.Select(d => $"`{d.Design}`")) + " |");
        md.AppendLine("|---|" + string.Concat(designs.Select(_ => "---:|")));
        var baseline = report.Find(BenchDesigns.RedisSession);
        foreach (var workload in BenchWorkloads.Known.Where(w => designs.Any(d => d.Find(w) is not null)))
        {
            var name = workload switch
            {
                BenchWorkloads.Session => "Session check",
                BenchWorkloads.CartRead => "Cart read",
                BenchWorkloads.CartWrite => "Cart write (durable)",
                BenchWorkloads.Catalog => "Catalog (public, anonymous)",
                _ => "Mix (80 % reads)",
            };
            Row(md, designs, $"{name}: requests/s", d => d.Find(workload) is { } w ? $"{w.Throughput:0} ({Ratio(w.ThroughputVsRedisSession)})" : "–");
            if (report.Find(BenchDesigns.Noop) is not null)
            {
                Row(md, designs, $"{name}: share of the floor (`noop`'s requests/s)", d => d.Find(workload) is { } w ? Ratio(w.ThroughputVsFloor) : "–");
            }

            Row(md, designs, $"{name}: p99 latency", d => d.Find(workload) is { } w ? $"{w.Latency.P99:0.0} ms ({Ratio(w.P99VsRedisSession)})" : "–");
            Row(md, designs, $"{name}: store round trips per request (Redis + PostgreSQL)", d => d.Find(workload) is { } w ? $"{Number(w.RedisCommandsPerRequest)} + {Number(w.PostgresStatementsPerRequest)}" : "–");
            if (workload == BenchWorkloads.Catalog)
            {
                Row(md, designs, "Catalog: share answered by the balancer's edge cache", d => d.Find(workload) is { EdgeCacheHitShare: { } h } ? h.ToString("0.0%", Invariant) : "–");
            }

            if (workload == BenchWorkloads.CartRead)
            {
                Row(md, designs, "Cart read: PostgreSQL reads per 1 000 requests", d => d.Find(workload) is { PostgresReadsPer1000Requests: { } r } ? $"{r:0.#}" : "–");
            }

            Row(md, designs, $"{name}: CPU seconds per 1 000 requests (all server-side processes)", d => d.Find(workload) is { } w
                ? $"{w.CpuSecondsPer1000Requests:0.000} ({Ratio(baseline?.Find(workload) is { CpuSecondsPer1000Requests: > 0 } b ? w.CpuSecondsPer1000Requests / b.CpuSecondsPer1000Requests : null)})"
                : "–");
        }

        Row(md, designs, "Read-your-writes violations (reads missing a write acknowledged before they were sent, under concurrent writers)", d => d.Staleness?.Summary ?? "not measured");
        Row(md, designs, "Revocation lag (revoke-all acknowledged → refused by every server)", d => d.Revocation.Summary);
        Row(md, designs, "Token size (bytes)", d => d.TokenBytes.ToString(Invariant));
        Row(md, designs, "Where the session lives", d => d.Design switch
        {
            BenchDesigns.GrainsHttp or BenchDesigns.GrainsOrleans or BenchDesigns.GrainsOrleansPlaintext => "in the user's grain (memory), written to PostgreSQL on change",
            BenchDesigns.RedisSession or BenchDesigns.RedisCache or BenchDesigns.ReadReplica => "Redis hash per session",
            BenchDesigns.Jwt => "in the token (signed), nowhere on the server",
            BenchDesigns.JwtDenylist => "in the token, plus a Redis denylist of revoked ones",
            _ => "nowhere: fixed answers (the floor)",
        });

        OpenLoop(md, report);
        md.AppendLine();
        md.AppendLine("## Goals (grains through HTTP vs the strongest stateless design for each measure)");
        md.AppendLine();
        md.AppendLine("| Goal | Measured | Met |");
        md.AppendLine("|---|---|---|");
        foreach (var goal in report.Goals)
        {
            md.AppendLine(Invariant, $"| {goal.Goal} | {goal.Measured} | {(goal.Met switch { true => "yes", false => "**no**", null => "n/a" })} |");
        }

        foreach (var workload in BenchWorkloads.Known.Where(w => designs.Any(d => d.Find(w) is not null)))
        {
            md.AppendLine();
            md.AppendLine(Invariant, $"## {BenchWorkloads.Describe(workload)}");
            md.AppendLine();
            md.AppendLine("| Design | req/s | × redis-session | p50 ms | p95 ms | p99 ms | max ms | errors | Redis cmd/req | PG stmt/req | PG reads/1000 req | CPU s/1000 req | CPU by process (s/1000 req) | load generator CPU s/1000 req |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
            foreach (var design in designs)
            {
                if (design.Find(workload) is not { } w)
                {
                    continue;
                }

                var byProcess = string.Join(", ", w.CpuSecondsPer1000ByProcess.Select(p => $"{p.Key} {p.Value:0.000}"));
                md.AppendLine(Invariant, $"| `{design.Design}` | {w.Throughput:0} | {Ratio(w.ThroughputVsRedisSession)} | {w.Latency.P50:0.00} | {w.Latency.P95:0.00} | {w.Latency.P99:0.00} | {w.Latency.Max:0.0} | {w.Errors} | {Number(w.RedisCommandsPerRequest)} | {Number(w.PostgresStatementsPerRequest)} | {(w.PostgresReadsPer1000Requests is { } r ? r.ToString("0.#", Invariant) : "n/a")} | {w.CpuSecondsPer1000Requests:0.000} | {byProcess} | {w.LoadGeneratorCpuSecondsPer1000Requests:0.000} |");
            }

            md.AppendLine();
            md.AppendLine("PostgreSQL statements per request, most called first:");
            md.AppendLine();
            foreach (var design in designs)
            {
                if (design.Find(workload) is { TopStatements.Count: > 0 } w)
                {
                    md.AppendLine(Invariant, $"- `{design.Design}`: {string.Join("; ", w.TopStatements.Select(t => $"{t.PerRequest:0.###} × {t.Kind.ToString().ToLowerInvariant()} `{t.Query.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`"))}");
                }
            }
        }

        return md.ToString();
    }

    /// <summary>The open loop's table per workload: a row per design, a column per offered rate.</summary>
    private static void OpenLoop(StringBuilder md, BenchReport report)
    {
        var percents = report.Settings.OpenLoopPercents;
        foreach (var workload in BenchWorkloads.Known.Where(w => report.Designs.Any(d => d.OpenLoop.Any(o => o.Workload == w))))
        {
            var offered = report.Designs.SelectMany(d => d.OpenLoop).Where(o => o.Workload == workload).DistinctBy(o => o.Percent).ToDictionary(o => o.Percent, o => o.OfferedPerSecond);
            md.AppendLine();
            md.AppendLine(Invariant, $"## {BenchWorkloads.Describe(workload)} at fixed offered load (open loop)");
            md.AppendLine();
            md.AppendLine("Requests sent on schedule whatever the answers do; each latency from the request's intended send time (corrected for coordinated omission): p50 / p99 / p99.9 in ms, the p99 beside `redis-cache`'s at the same rate. The rates are shares of the slowest design's closed-loop throughput above. The generator's own lateness (the p99 of intended → sent) is part of every figure and shown apart.");
            md.AppendLine();
            md.AppendLine("| Design | " + string.Join(" | ", percents.Select(p => string.Create(Invariant, $"{p} % ({offered.GetValueOrDefault(p):0} req/s)"))) + " | errors | generator lateness p99 ms |");
            md.AppendLine("|---|" + string.Concat(percents.Select(_ => "---:|")) + "---:|---:|");
            foreach (var design in report.Designs.Where(d => d.OpenLoop.Any(o => o.Workload == workload)))
            {
                var cells = percents.Select(p => design.FindOpenLoop(workload, p) is { } o
                    ? string.Create(Invariant, $"{o.Latency.P50:0.00} / {o.Latency.P99:0.00} / {o.Latency.P999:0.00} ({Ratio(o.P99VsRedisCache)}){(o.Throughput < o.OfferedPerSecond * 0.95 ? $", served only {o.Throughput:0} req/s" : "")}")
                    : "–");
                var runs = design.OpenLoop.Where(o => o.Workload == workload).ToList();
                md.AppendLine(Invariant, $"| `{design.Design}` | {string.Join(" | ", cells)} | {runs.Sum(o => o.Errors)} | {runs.Max(o => o.SendLag.P99):0.00} |");
            }
        }
    }

    private static string Warmed(DesignWarmup? warmup) => warmup switch
    {
        { JitShare: { } jit } => string.Format(Invariant, "; warmed {0:0} s with the mix, until its busiest server's JIT compiled on {1:0.00%} of a core{2}", warmup.Seconds, jit, jit < JitSettling.DefaultSettledShare ? "" : " (not settled: the warm-up's cap)"),
        { } fixedWarmup => string.Format(Invariant, "; warmed {0:0} s with the mix (JIT not read)", fixedWarmup.Seconds),
        null => "",
    };

    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", Invariant) + "×" : "n/a";

    public static string Number(double? value) => value is { } v ? v.ToString("0.00", Invariant) : "n/a";

    private static void Row(StringBuilder md, IReadOnlyList<DesignResult> designs, string label, Func<DesignResult, string> cell) =>
        md.AppendLine(Invariant, $"| {label} | {string.Join(" | ", designs.Select(cell))} |");
}
