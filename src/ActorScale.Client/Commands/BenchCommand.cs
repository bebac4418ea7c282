using System.CommandLine;
using System.Globalization;
using ActorScale.Client.Output;
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

    private static readonly Option<bool> Quick = new("--quick") { Description = "Smoke run: 2 servers, 20 users, 8 in flight, 1 s warm-up + 2 s per workload (other options still apply)" };
    private static readonly Option<string[]> Designs = new("--designs") { Description = $"Designs to run, comma-separated ({string.Join(", ", BenchDesigns.All)}; default all)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Workloads = new("--workloads") { Description = $"Workloads to run, comma-separated ({string.Join(", ", BenchWorkloads.All)}; default all)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "Measured time per design and workload", Defaults.Duration);
    private static readonly Option<TimeSpan> Warmup = DurationOption.Create("--warmup", "Unmeasured load before each measured window", Defaults.Warmup);
    private static readonly Option<int> Servers = new("--servers") { Description = "Server processes per design (silos or web servers)", DefaultValueFactory = _ => Defaults.Servers };
    private static readonly Option<int> Users = new("--users") { Description = "Users the requests are spread over", DefaultValueFactory = _ => Defaults.Users };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Requests in flight at once (closed loop)", DefaultValueFactory = _ => Defaults.Concurrency };
    private static readonly Option<int> Revocations = new("--revocations") { Description = "Revoke-alls per design for the revocation lag", DefaultValueFactory = _ => Defaults.RevocationSamples };
    private static readonly Option<int> PasswordIterations = new("--password-iterations") { Description = "PBKDF2 iterations of the servers (bench measures sessions and carts, not hashing)", DefaultValueFactory = _ => Defaults.PasswordIterations };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the users' choices", DefaultValueFactory = _ => Defaults.Seed };
    private static readonly Option<bool> PlainHttp = new("--plain-http") { Description = "The HTTP designs' balancers speak plain HTTP instead of HTTPS (both sides alike), to measure what TLS at the edge costs" };
    private static readonly Option<bool> Direct = new("--direct") { Description = "The HTTP designs' requests go straight to the servers (plain HTTP, each user to one server by a hash of its id), not through the balancer: what the balancer costs" };
    private static readonly Option<string?> Out = new("--out") { Description = "Folder for report.md, report.json and the charts (default $ACTORSCALE_HOME/bench/<time>)" };

    public static Command Create() => new Command("bench", "Measure grains (HTTP and Orleans client) against stateless servers with a Redis session store or JWTs: throughput, latency, store round trips, CPU, revocation lag")
        .Options(Quick, Designs, Workloads, Duration, Warmup, Servers, Users, Concurrency, Revocations, PasswordIterations, Seed, PlainHttp, Direct, Out)
        .With(RunAsync);

    private static async Task<int> RunAsync(CliContext ctx)
    {
        var settings = Settings(ctx);
        var folder = ctx.Parse.GetValue(Out) ?? Path.Combine(ctx.Home.Root, "bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var home = new ClusterHome(Path.Combine(ctx.Home.Root, "bench-cluster"));
        ctx.Out.Say($"[grey]·[/] bench: {string.Join(", ", settings.Designs)} × {string.Join(", ", settings.Workloads)}; {settings.Servers} servers each, {settings.Users} users, {settings.Concurrency} in flight, {settings.Warmup.TotalSeconds:0.#} s + {settings.Duration.TotalSeconds:0.#} s per workload");
        var report = await new BenchRunner(home, ctx.Out, settings).RunAsync(ctx.CancellationToken);
        report = await BenchReportFiles.SaveAsync(report, folder, "actorscale " + string.Join(' ', ctx.Parse.Tokens.Select(t => t.Value)), ctx.CancellationToken);
        Show(ctx.Out, report);
        return ctx.Out.Success(report);
    }

    private static BenchSettings Settings(CliContext ctx)
    {
        var start = ctx.Get(Quick) ? BenchSettings.QuickRun() : Defaults;
        T Pick<T>(Option<T> option, T current) => ctx.Parse.GetResult(option) is { Implicit: false } ? ctx.Get(option) : current;
        var settings = start with
        {
            Designs = BenchNames.Parse(ctx.Parse.GetValue(Designs), BenchDesigns.All, "design"),
            Workloads = BenchNames.Parse(ctx.Parse.GetValue(Workloads), BenchWorkloads.All, "workload"),
            Duration = Pick(Duration, start.Duration),
            Warmup = Pick(Warmup, start.Warmup),
            Servers = Pick(Servers, start.Servers),
            Users = Pick(Users, start.Users),
            Concurrency = Pick(Concurrency, start.Concurrency),
            RevocationSamples = Pick(Revocations, start.RevocationSamples),
            PasswordIterations = Pick(PasswordIterations, start.PasswordIterations),
            Seed = Pick(Seed, start.Seed),
            PlainHttp = ctx.Get(PlainHttp),
            Direct = ctx.Get(Direct),
        };
        if (settings.Servers is < 1 or > LocalCluster.MaxSilos)
        {
            throw new UsageException($"--servers must be 1-{LocalCluster.MaxSilos}");
        }

        if (settings.Users < 1 || settings.Concurrency < 1 || settings.RevocationSamples < 0 || settings.Duration <= TimeSpan.Zero || settings.Warmup < TimeSpan.Zero || settings.PasswordIterations < 1)
        {
            throw new UsageException("--users, --concurrency, --duration and --password-iterations must be positive; --warmup and --revocations at least 0");
        }

        return settings;
    }

    private static void Show(Reporter reporter, BenchReport report)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title($"bench: {report.Settings.Servers} servers per design, {report.Machine.Cores} cores, {report.Settings.Duration.TotalSeconds:0.#} s per workload")
            .AddColumns("design", "workload", "req/s", "×redis", "p99 ms", "Redis/req", "PG/req", "CPU s/1k");
        foreach (var design in report.Designs)
        {
            foreach (var w in design.Workloads)
            {
                table.AddRow(
                    design.Design, w.Workload, $"{w.Throughput:0}", BenchMarkdown.Ratio(w.ThroughputVsRedisSession), $"{w.Latency.P99:0.0}",
                    BenchMarkdown.Number(w.RedisCommandsPerRequest), BenchMarkdown.Number(w.PostgresStatementsPerRequest), $"{w.CpuSecondsPer1000Requests:0.000}");
            }
        }

        reporter.Show(table);
        foreach (var design in report.Designs)
        {
            reporter.Say($"revocation lag, {design.Design}: {Markup.Escape(design.Revocation.Summary)}");
        }

        foreach (var goal in report.Goals)
        {
            var mark = goal.Met switch { true => "[green]met[/]", false => "[red]missed[/]", null => "[grey]n/a[/]" };
            reporter.Say($"goal {mark}: {Markup.Escape(goal.Goal)}: {Markup.Escape(goal.Measured)}");
        }

        reporter.Say($"report: {Markup.Escape(report.MarkdownFile ?? "")} (also report.json, {string.Join(", ", report.Charts.Select(Path.GetFileName))})");
    }
}
