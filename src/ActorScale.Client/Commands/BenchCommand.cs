using System.CommandLine;
using System.Globalization;
using ActorScale.Client.Output;
using ActorScale.Hosting;
using ActorScale.Lab;
using ActorScale.Lab.Bench;
using ActorScale.Lab.Cluster;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale bench</c>: the same workloads against grains (HTTP and Orleans client) and the stateless baseline
/// (redis-session, redis-cache, jwt, jwt-denylist), in one run on this machine, with a table of measurements beside redis-session's.
/// </summary>
public static class BenchCommand
{
    private static readonly BenchSettings Defaults = new();

    private static readonly Option<bool> Quick = new("--quick") { Description = "Smoke run: 2 servers, 20 users, 8 in flight, 1 s warm-up + 2 s per workload, 1 s of read-your-writes (other options still apply)" };
    private static readonly Option<string[]> Designs = new("--designs") { Description = $"Designs to run, comma-separated ({string.Join(", ", BenchDesigns.All)}; default all)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Workloads = new("--workloads") { Description = $"Workloads to run, comma-separated ({string.Join(", ", BenchWorkloads.Known)}; default {string.Join(",", BenchWorkloads.All)})", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "Measured time per design and workload", Defaults.Duration);
    private static readonly Option<TimeSpan> Warmup = DurationOption.Create("--warmup", "Unmeasured load before each measured window", Defaults.Warmup);
    private static readonly Option<int> DbShards = new("--db-shards") { Description = $"PostgreSQL servers both designs spread users over, by the same hash (1-{LocalCluster.MaxShards}; default 1). Statement counts are then shard 0's only" };
    private static readonly Option<string[]> Servers = new("--servers") { Description = $"Server processes per design (silos or web servers; default {Defaults.Servers}); several counts, comma-separated (1,2,4,8), run the whole bench once per count and plot throughput against servers", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> OpenLoop = new("--open-loop") { Description = "Open-loop latency at fixed offered rates, each a percentage of the slowest design's closed-loop throughput in the run, comma-separated (e.g. 25,50,80; default none)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> OpenLoopWorkloads = new("--open-loop-workloads") { Description = $"Workloads the open loop runs, comma-separated (default {string.Join(",", Defaults.OpenLoopWorkloads)})", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<TimeSpan> Staleness = DurationOption.Create("--staleness", "Read-your-writes probe per design (0s: none)", Defaults.StalenessDuration);
    private static readonly Option<int> Users = new("--users") { Description = "Users the requests are spread over", DefaultValueFactory = _ => Defaults.Users };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Requests in flight at once (closed loop)", DefaultValueFactory = _ => Defaults.Concurrency };
    private static readonly Option<int> Revocations = new("--revocations") { Description = "Revoke-alls per design for the revocation lag", DefaultValueFactory = _ => Defaults.RevocationSamples };
    private static readonly Option<int> PasswordIterations = new("--password-iterations") { Description = "PBKDF2 iterations of the servers (bench measures sessions and carts, not hashing)", DefaultValueFactory = _ => Defaults.PasswordIterations };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the users' choices", DefaultValueFactory = _ => Defaults.Seed };
    private static readonly Option<bool> PlainHttp = new("--plain-http") { Description = "The HTTP designs' balancers speak plain HTTP instead of HTTPS (both sides alike), to measure what TLS at the edge costs" };
    private static readonly Option<bool> Direct = new("--direct") { Description = "The HTTP designs' requests go straight to the servers (plain HTTP, each user to one server by a hash of its id), not through the balancer: what the balancer costs" };
    private static readonly Option<string?> Out = new("--out") { Description = "Folder for report.md, report.json and the charts (default $ACTORSCALE_HOME/bench/<time>)" };

    public static Command Create() => new Command("bench", "Measure grains (HTTP and Orleans client) against stateless servers with a Redis session store or JWTs: throughput, latency, store round trips, CPU, revocation lag")
        .Options(Quick, Designs, Workloads, Duration, Warmup, Servers, DbShards, Users, Concurrency, Revocations, PasswordIterations, Seed, PlainHttp, Direct, OpenLoop, OpenLoopWorkloads, Staleness, Out)
        .With(RunAsync);

    private static async Task<int> RunAsync(CliContext ctx)
    {
        var (settings, counts) = Settings(ctx);
        var folder = ctx.Parse.GetValue(Out) ?? Path.Combine(ctx.Home.Root, "bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var home = new ClusterHome(Path.Combine(ctx.Home.Root, "bench-cluster"));
        var command = "actorscale " + string.Join(' ', ctx.Parse.Tokens.Select(t => t.Value));
        var runs = new List<BenchReport>();
        foreach (var count in counts)
        {
            var run = settings with { Servers = count };
            ctx.Out.Say($"[grey]·[/] bench: {string.Join(", ", run.Designs)} × {string.Join(", ", run.Workloads)}; {run.Servers} servers each, {run.Users} users, {run.Concurrency} in flight, {run.Warmup.TotalSeconds:0.#} s + {run.Duration.TotalSeconds:0.#} s per workload");
            runs.Add(await new BenchRunner(home, ctx.Out, run).RunAsync(ctx.CancellationToken));
        }

        if (runs.Count == 1)
        {
            var report = await BenchReportFiles.SaveAsync(runs[0], folder, command, ctx.CancellationToken);
            Show(ctx.Out, report);
            return ctx.Out.Success(report);
        }

        var scale = await ScaleReportFiles.SaveAsync(new ScaleReport { Machine = runs[0].Machine, Runs = runs }, folder, command, ctx.CancellationToken);
        ShowScale(ctx.Out, scale);
        return ctx.Out.Success(scale);
    }

    private static (BenchSettings Settings, IReadOnlyList<int> ServerCounts) Settings(CliContext ctx)
    {
        var start = ctx.Get(Quick) ? BenchSettings.QuickRun() : Defaults;
        T Pick<T>(Option<T> option, T current) => ctx.Parse.GetResult(option) is { Implicit: false } ? ctx.Get(option) : current;
        var counts = Numbers(ctx.Parse.GetValue(Servers), "--servers", 1, LocalCluster.MaxSilos) is { Count: > 0 } given ? given : [start.Servers];
        var percents = Numbers(ctx.Parse.GetValue(OpenLoop), "--open-loop", 1, 100);
        var settings = start with
        {
            Designs = BenchNames.Parse(ctx.Parse.GetValue(Designs), BenchDesigns.All, "design"),
            Workloads = BenchNames.Parse(ctx.Parse.GetValue(Workloads), BenchWorkloads.Known, "workload", BenchWorkloads.All),
            Duration = Pick(Duration, start.Duration),
            Warmup = Pick(Warmup, start.Warmup),
            Servers = counts[0],
            Users = Pick(Users, start.Users),
            DbShards = Pick(DbShards, start.DbShards),
            Concurrency = Pick(Concurrency, start.Concurrency),
            RevocationSamples = Pick(Revocations, start.RevocationSamples),
            PasswordIterations = Pick(PasswordIterations, start.PasswordIterations),
            Seed = Pick(Seed, start.Seed),
            PlainHttp = ctx.Get(PlainHttp),
            Direct = ctx.Get(Direct),
            OpenLoopPercents = percents.Count > 0 ? percents : start.OpenLoopPercents,
            OpenLoopWorkloads = BenchNames.Parse(ctx.Parse.GetValue(OpenLoopWorkloads), BenchWorkloads.Known, "workload", start.OpenLoopWorkloads),
            StalenessDuration = Pick(Staleness, start.StalenessDuration),
        };
        if (settings.Users < 1 || settings.Concurrency < 1 || settings.RevocationSamples < 0 || settings.Duration <= TimeSpan.Zero || settings.Warmup < TimeSpan.Zero || settings.PasswordIterations < 1 || settings.StalenessDuration < TimeSpan.Zero)
        {
            throw new UsageException("--users, --concurrency, --duration and --password-iterations must be positive; --warmup, --staleness and --revocations at least 0");
        }

        if (settings.DbShards is < 1 or > LocalCluster.MaxShards)
        {
            throw new UsageException($"--db-shards takes 1-{LocalCluster.MaxShards}");
        }

        if (settings.DbShards > 1 && settings.Designs.Contains(BaselineDesigns.ReadReplica))
        {
            throw new UsageException("the read-replica design replicates one PostgreSQL: leave it out of --designs with --db-shards");
        }

        if (percents.Count > 0 && !settings.Workloads.Intersect(settings.OpenLoopWorkloads).Any())
        {
            throw new UsageException($"--open-loop runs {string.Join(", ", settings.OpenLoopWorkloads)}, which --workloads leaves out: add it, or choose --open-loop-workloads among {string.Join(", ", settings.Workloads)}");
        }

        return (settings, counts);
    }

    /// <summary>Comma-separated whole numbers from <paramref name="min"/> to <paramref name="max"/>, each once, in the order given.</summary>
    private static List<int> Numbers(string[]? given, string option, int min, int max)
    {
        var numbers = new List<int>();
        foreach (var text in (given ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max || numbers.Contains(number))
            {
                throw new UsageException($"{option} takes distinct whole numbers from {min} to {max}, comma-separated; '{text}' is not one");
            }

            numbers.Add(number);
        }

        return numbers;
    }

    private static void Show(Reporter reporter, BenchReport report)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title($"bench: {report.Settings.Servers} servers per design, {report.Machine.Cores} cores, {report.Settings.Duration.TotalSeconds:0.#} s per workload")
            .AddColumns("design", "workload", "req/s", "×redis", "×floor", "p99 ms", "Redis/req", "PG/req", "CPU s/1k");
        foreach (var design in report.Designs)
        {
            foreach (var w in design.Workloads)
            {
                table.AddRow(
                    design.Design, w.Workload, $"{w.Throughput:0}", BenchMarkdown.Ratio(w.ThroughputVsRedisSession), BenchMarkdown.Ratio(w.ThroughputVsFloor), $"{w.Latency.P99:0.0}",
                    BenchMarkdown.Number(w.RedisCommandsPerRequest), BenchMarkdown.Number(w.PostgresStatementsPerRequest), $"{w.CpuSecondsPer1000Requests:0.000}");
            }
        }

        reporter.Show(table);
        foreach (var design in report.Designs)
        {
            reporter.Say($"revocation lag, {design.Design}: {Markup.Escape(design.Revocation.Summary)}");
            if (design.Staleness is { } staleness)
            {
                reporter.Say($"read-your-writes violations, {design.Design}: {Markup.Escape(staleness.Summary)}");
            }

            foreach (var open in design.OpenLoop)
            {
                reporter.Say($"open loop, {design.Design}, {open.Workload} at {open.OfferedPerSecond:0} req/s ({open.Percent} %): p50 {open.Latency.P50:0.00} ms, p99 {open.Latency.P99:0.00} ms, p99.9 {open.Latency.P999:0.00} ms ({BenchMarkdown.Ratio(open.P99VsRedisCache)} redis-cache's p99), {open.Errors} errors");
            }
        }

        foreach (var goal in report.Goals)
        {
            var mark = goal.Met switch { true => "[green]met[/]", false => "[red]missed[/]", null => "[grey]n/a[/]" };
            reporter.Say($"goal {mark}: {Markup.Escape(goal.Goal)}: {Markup.Escape(goal.Measured)}");
        }

        reporter.Say($"report: {Markup.Escape(report.MarkdownFile ?? "")} (also report.json, {string.Join(", ", report.Charts.Select(Path.GetFileName))})");
    }

    private static void ShowScale(Reporter reporter, ScaleReport scale)
    {
        var counts = scale.Runs.Select(r => r.Settings.Servers).ToList();
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title($"bench: requests/s against servers, {scale.Machine.Cores} cores")
            .AddColumns(["design", "workload", .. counts.Select(c => $"{c} servers")]);
        foreach (var design in BenchDesigns.All.Where(d => scale.Runs.Any(r => r.Find(d) is not null)))
        {
            foreach (var workload in BenchWorkloads.Known.Where(w => scale.Runs.Any(r => r.Find(design)?.Find(w) is not null)))
            {
                table.AddRow([design, workload, .. scale.Curve(design, workload).Select(p => p.Throughput is { } t ? $"{t:0}" : "–")]);
            }
        }

        reporter.Show(table);
        reporter.Say($"report: {Markup.Escape(scale.MarkdownFile ?? "")} (also scale.json, {string.Join(", ", scale.Charts.Select(Path.GetFileName))}, and each count's report in servers-N/)");
    }
}
