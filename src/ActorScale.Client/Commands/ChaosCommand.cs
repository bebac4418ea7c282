using System.CommandLine;
using ActorScale.Client.Output;
using ActorScale.Hosting;
using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary>
/// <c>actorscale chaos</c>: load the cluster with virtual users, break it on a schedule, then prove from a ledger that
/// nothing acknowledged was lost, doubled or resurrected. Exit code 1 when any invariant fails.
/// </summary>
public static class ChaosCommand
{
    private static readonly Option<TimeSpan> Duration = DurationOption.Create("--duration", "How long the load runs", TimeSpan.FromMinutes(3));
    private static readonly Option<int> Users = new("--users") { Description = "Virtual users", DefaultValueFactory = _ => 100 };
    private static readonly Option<TimeSpan> KillEvery = DurationOption.Create("--kill-every", "Time between silo faults", TimeSpan.FromSeconds(15));
    private static readonly Option<FaultMode> Mode = new("--mode") { Description = "kill (SIGKILL), graceful (SIGTERM), freeze (SIGSTOP, then SIGCONT), partition (cut off from its peers, then healed), scale-out (one silo added), drain (a silo drained and restarted), roll (every silo restarted in turn), reshard (the database shards changed online, the resharder and a silo SIGKILLed midway), autoscale (`cluster autoscale` beside the load, with --autoscale-target) or none", DefaultValueFactory = _ => FaultMode.Kill, CustomParser = ParseMode };
    private static readonly Option<int> KillCount = new("--kill-count") { Description = "Silos hit at once (2 needs at least 4 silos)", DefaultValueFactory = _ => 1 };
    private static readonly Option<TimeSpan> FreezeFor = DurationOption.Create("--freeze-for", "How long a frozen silo stays stopped", TimeSpan.FromSeconds(15));
    private static readonly Option<TimeSpan> PartitionFor = DurationOption.Create("--partition-for", "How long a partitioned silo stays cut off from its peers", TimeSpan.FromSeconds(15));
    private static readonly Option<string> Via = new("--via") { Description = "grains (an Orleans client through the gateways, default) or http (the HTTP API through the load balancer; --silos starts one)", DefaultValueFactory = _ => Grains };
    private static readonly Option<string> Design = new("--design") { Description = "grains (the cluster's silos, default), or a stateless baseline design (redis-session, redis-cache, jwt, jwt-denylist) for --mode partition: the same partition questions asked of its servers", DefaultValueFactory = _ => Grains };
    private static readonly Option<TimeSpan?> RedisOutage = DurationOption.CreateOptional("--redis-outage", "Pause Redis this long, once, at 30 % of the run");
    private static readonly Option<bool> RedisRestartEmpty = new("--redis-restart-empty") { Description = "Kill Redis at 75 % of the run and start it empty (no persistence)" };
    private static readonly Option<TimeSpan?> PostgresOutage = DurationOption.CreateOptional("--postgres-outage", "Stop PostgreSQL this long, once, at half of the run");
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the fault schedule and the users' choices", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> Silos = new("--silos") { Description = "Start a cluster of its own with N silos (under $ACTORSCALE_HOME/chaos-cluster) instead of using the running one" };
    private static readonly Option<int> PasswordIterations = new("--password-iterations") { Description = "PBKDF2 iterations of a cluster started with --silos (chaos measures crashes, not hashing)", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<TimeSpan> AttemptTimeout = DurationOption.Create("--attempt-timeout", "How long one attempt may take before it is retried with the same operation id", TimeSpan.FromSeconds(1));
    private static readonly Option<bool> RollBuild = new("--roll-build") { Description = "With --mode roll: publish the silo from the sources before the load starts and roll onto that build" };
    private static readonly Option<string?> Source = new("--source") { Description = "With --roll-build: the checkout to publish from (default: this one)" };
    private static readonly Option<int?> ReshardTo = new("--reshard-to") { Description = "With --mode reshard: the database shard count to move to (default: one more than now)" };
    private static readonly Option<double> ReshardRate = new("--reshard-rate") { Description = "With --mode reshard: rows the resharder moves per second (0: no limit)", DefaultValueFactory = _ => 20 };
    private static readonly Option<TimeSpan> SessionLength = DurationOption.Create("--session-length", "How long each user keeps a session before it may log out or revoke all (0: every few seconds)", TimeSpan.FromSeconds(20));
    private static readonly Option<string?> AutoscaleTarget = new("--autoscale-target") { Description = "With --mode autoscale: METRIC=VALUE per silo, requests (req/s), cpu (cores) or p99 (ms), e.g. requests=60" };

    private static readonly Option<int> AutoscaleMax = new("--autoscale-max") { Description = "With --mode autoscale: the most silos", DefaultValueFactory = _ => 4 };

    private static readonly Option<int> StepUsers = new("--step-users") { Description = "A load step: this many more virtual users from --step-at for --step-for (0: none)" };

    private static readonly Option<TimeSpan> StepAt = DurationOption.Create("--step-at", "When the load step starts", TimeSpan.FromSeconds(30));

    private static readonly Option<TimeSpan> StepFor = DurationOption.Create("--step-for", "How long the load step lasts", TimeSpan.FromSeconds(60));

    private static readonly Option<TimeSpan> RampUp = DurationOption.Create("--ramp-up", "Start the users one by one over this time instead of all at once", TimeSpan.Zero);
    private static readonly Option<int> FloodClients = new("--flood") { Description = "With --via http: N anonymous clients registering and logging in, and N sending forged tokens, 20 requests/s each, from 127.0.0.2-254 for the whole run; then 20 000 forged tokens counted against activations and PostgreSQL statements", DefaultValueFactory = _ => 0 };

    private static readonly Option<string?> Out = new("--out") { Description = "Folder for report.json and timeline.png (default $ACTORSCALE_HOME/chaos/<time>)" };

    public static Command Create() => new Command("chaos", "Load the cluster, kill/stop/freeze silos and pause Redis or PostgreSQL, then check a ledger: nothing acknowledged lost, doubled or resurrected")
        .Options(Duration, Users, KillEvery, Mode, KillCount, FreezeFor, PartitionFor, Design, Via, RedisOutage, RedisRestartEmpty, PostgresOutage, Seed, Silos, PasswordIterations, AttemptTimeout, RollBuild, Source, ReshardTo, ReshardRate, SessionLength, RampUp, StepUsers, StepAt, StepFor, AutoscaleTarget, AutoscaleMax, FloodClients, Out)
        .With(RunAsync);

    private static async Task<int> RunAsync(CliContext ctx)
    {
        var settings = new ChaosSettings
        {
            Duration = ctx.Get(Duration),
            Users = ctx.Get(Users),
            KillEvery = ctx.Get(KillEvery),
            Mode = ctx.Get(Mode),
            KillCount = ctx.Get(KillCount),
            FreezeFor = ctx.Get(FreezeFor),
            PartitionFor = ctx.Get(PartitionFor),
            RedisOutage = ctx.Parse.GetValue(RedisOutage),
            RedisRestartEmpty = ctx.Get(RedisRestartEmpty),
            PostgresOutage = ctx.Parse.GetValue(PostgresOutage),
            Seed = ctx.Get(Seed),
            AttemptTimeout = ctx.Get(AttemptTimeout),
            RollBuild = ctx.Get(RollBuild) || ctx.Parse.GetValue(Source) is not null,
            RollSource = ctx.Parse.GetValue(Source),
            ReshardTo = ctx.Parse.GetValue(ReshardTo),
            ReshardRowsPerSecond = ctx.Get(ReshardRate),
            Flood = ctx.Get(FloodClients),
            SessionLength = ctx.Get(SessionLength),
            RampUp = ctx.Get(RampUp),
            StepUsers = ctx.Get(StepUsers),
            StepAt = ctx.Get(StepAt),
            StepFor = ctx.Get(StepFor),
            AutoscaleTarget = ctx.Get(AutoscaleTarget),
            AutoscaleMax = ctx.Get(AutoscaleMax),
            ViaHttp = ctx.Get(Via) switch
            {
                Grains => false,
                "http" => true,
                var other => throw new UsageException($"--via must be {Grains} or http, not '{other}'"),
            },
        };
        if (settings.Users < 1 || settings.KillCount < 1 || settings.Duration <= TimeSpan.Zero || settings.KillEvery <= TimeSpan.Zero)
        {
            throw new UsageException("--users, --kill-count, --duration and --kill-every must be positive");
        }

        if (settings.SessionLength < TimeSpan.Zero || settings.RampUp < TimeSpan.Zero || settings.RampUp >= settings.Duration)
        {
            throw new UsageException("--session-length and --ramp-up must not be negative, and --ramp-up must be shorter than --duration");
        }

        if (settings.StepUsers < 0 || (settings.StepUsers > 0 && (settings.StepFor <= TimeSpan.Zero || settings.StepAt + settings.StepFor > settings.Duration)))
        {
            throw new UsageException("--step-users must not be negative, and a step (--step-at + --step-for, --step-for positive) must end within --duration");
        }

        if ((settings.Mode == FaultMode.Autoscale) != (settings.AutoscaleTarget is not null))
        {
            throw new UsageException("--mode autoscale needs --autoscale-target METRIC=VALUE (e.g. requests=60), and --autoscale-target goes with --mode autoscale");
        }

        if (settings.AutoscaleTarget is { } autoscaleTarget && Lab.Autoscale.AutoscaleSettings.ParseTarget(autoscaleTarget, out var targetError) is null)
        {
            throw new UsageException(targetError!);
        }

        if (settings.Flood < 0 || (settings.Flood > 0 && !settings.ViaHttp))
        {
            throw new UsageException("--flood N needs N >= 0 and --via http (the flood comes through the load balancer)");
        }

        if (settings.RollBuild && settings.Mode != FaultMode.Roll)
        {
            throw new UsageException("--roll-build and --source go with --mode roll");
        }

        if ((settings.ReshardTo is not null || ctx.Parse.GetResult(ReshardRate) is { Implicit: false }) && settings.Mode != FaultMode.Reshard)
        {
            throw new UsageException("--reshard-to and --reshard-rate go with --mode reshard");
        }

        if (settings.ReshardRowsPerSecond < 0)
        {
            throw new UsageException("--reshard-rate must be 0 or more");
        }

        var design = ctx.Get(Design);
        if (design != Grains && !BaselineDesigns.All.Contains(design))
        {
            throw new UsageException($"--design must be {Grains} or one of {string.Join(", ", BaselineDesigns.All)}");
        }

        if (design != Grains && settings.Mode != FaultMode.Partition)
        {
            throw new UsageException("a baseline --design runs only --mode partition (its servers have no silo to kill or freeze)");
        }

        await using var target = await ChaosCluster.OpenAsync(ctx.Home, ctx.Parse.GetValue(Silos), ctx.Get(PasswordIterations), ctx.Out, ctx.CancellationToken, loadBalancer: settings.ViaHttp);
        if (design != Grains)
        {
            var baseline = await BaselinePartitionRun.RunAsync(target.Cluster, design, settings, ctx.Out, ctx.CancellationToken);
            ctx.Out.Show(BaselineSummary(baseline));
            return baseline.Passed
                ? ctx.Out.Success(baseline)
                : ctx.Out.Fail(new CommandError("InvariantViolated", $"{design}: {baseline.Partition.Findings.Count(f => f.Kind == "revoked-token-accepted")} revoked tokens accepted, {baseline.Partition.Findings.Count(f => f.Kind == "stale-read")} stale reads", CommandError.Rejected));
        }

        var folder = ctx.Parse.GetValue(Out) ?? Path.Combine(ctx.Home.Root, "chaos", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var report = await ChaosRun.RunOnAsync(target.Cluster, target.State, ctx.Out, settings, folder, ctx.CancellationToken);
        ctx.Out.Show(Summary(report));
        return report.Check.Passed ? ctx.Out.Success(report) : Fail(ctx, report);
    }

    private static int Fail(CliContext ctx, ChaosReport report)
    {
        var check = report.Check;
        foreach (var violation in check.Violations.Take(10))
        {
            ctx.Out.Say($"[red]violation[/] {Markup.Escape(violation)}");
        }

        return ctx.Out.Fail(new CommandError("InvariantViolated", $"invariants violated: lost {check.Lost}, duplicated {check.Duplicated}, resurrected {check.Resurrected}, stale reads {check.StaleReads}, lost sessions {check.LostSessions}, unissued valid {check.UnissuedValid}, unresolved {check.Unresolved}, revoked tokens accepted in partitions {check.RevokedAcceptedInPartitions}, stale reads in partitions {check.StaleReadsInPartitions}; report {report.ReportFile}", CommandError.Rejected));
    }

    private const string Grains = "grains";

    // Enum names with the hyphens people type: scale-out is ScaleOut.
    private static FaultMode ParseMode(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "kill" : result.Tokens[0].Value;
        if (Enum.TryParse<FaultMode>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode) && !int.TryParse(text, out _))
        {
            return mode;
        }

        result.AddError($"--mode must be kill, graceful, freeze, partition, scale-out, drain, roll, reshard, autoscale or none, not '{text}'");
        return FaultMode.None;
    }

    private static Table BaselineSummary(BaselinePartitionReport report)
    {
        var p = report.Partition;
        string Mark(int value) => value == 0 ? "[green]0 ✓[/]" : $"[red]{value} ✗[/]";
        return new Table().Title($"partition questions: {Markup.Escape(report.Design)}, {report.Servers} servers, {p.HealedAfter:0} s").AddColumns("Measure", "Value")
            .AddRow("cut", Markup.Escape(report.Note))
            .AddRow("asked", $"{p.Revocations} logouts and {p.Writes} writes acknowledged through another server, {p.Questions} questions to {Markup.Escape(p.Victim)}")
            .AddRow("refused", Seconds(p.RefusedAfter))
            .AddRow("revoked tokens accepted", Mark(p.Findings.Count(f => f.Kind == "revoked-token-accepted")))
            .AddRow("reads that missed an acknowledged write", Mark(p.Findings.Count(f => f.Kind == "stale-read")));
    }

    private static string Causes(IReadOnlyDictionary<string, long>? causes) =>
        causes is { Count: > 0 } ? Markup.Escape($" ({string.Join(", ", causes.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value}"))})") : "";

    private static string Seconds(double? seconds) => seconds is { } s ? $"{s:0.0} s" : "never";

    public static Table Summary(ChaosReport report)
    {
        var check = report.Check;
        var table = new Table().Title($"chaos: {report.Silos} silos, {report.Settings.Users} users, {report.RunSeconds:0} s").AddColumns("Measure", "Value");
        string Mark(int value) => value == 0 ? "[green]0 ✓[/]" : $"[red]{value} ✗[/]";
        table.AddRow("operations", Markup.Escape(string.Join(", ", report.OperationsByOutcome.Select(o => $"{o.Key} {o.Value}"))));
        table.AddRow("first-try success", $"{report.FirstTrySuccessRate:P2}");
        table.AddRow("success after retry", $"{report.SuccessAfterRetryRate:P3} ({report.FailedAttempts} failed attempts retried with their operation ids)");
        table.AddRow("throughput", $"{report.ThroughputPerSecond:0} acknowledged operations/s");
        table.AddRow("faults", Markup.Escape(string.Join(", ", report.Faults.GroupBy(f => f.Kind).Select(g => $"{g.Key} ×{g.Count()}"))));
        table.AddRow("recovery per silo fault (first call served on a grain of the silo)", $"p50 {report.Recovery.P50:0.00} s, p99 {report.Recovery.P99:0.00} s, max {report.Recovery.Max:0.00} s over {report.Recovery.Faults}");
        table.AddRow("longest operation a fault hit (all retries)", $"{report.Recovery.LongestAffectedOperationSeconds:0.00} s");
        if (report.Recovery.MaxFreezeEvictionSeconds is { } eviction)
        {
            table.AddRow("frozen silo declared dead", $"after at most {eviction:0.0} s");
            table.AddRow("longest operation a freeze hit, beyond its verdict", $"{report.Recovery.MaxFreezeOperationBeyondVerdictSeconds:0.00} s at most (per freeze: {string.Join(", ", report.Faults.Where(f => f.VerdictSeconds is not null).Select(f => $"{f.LongestOperationSeconds:0.00} s against {f.VerdictSeconds:0.0} s"))})");
        }

        foreach (var outage in report.Outages)
        {
            table.AddRow($"{outage.Target} down {outage.To - outage.From:0} s", $"probe reads of active carts: {outage.ProbeReadsOk} ok, {outage.ProbeReadsFailed} failed; load: {outage.ReadsServed} reads served, {outage.WritesAcknowledged} writes acknowledged, {outage.FailedAttempts} failed attempts (retried); {outage.SilosAlive} silos alive");
        }

        foreach (var partition in report.Partitions)
        {
            table.AddRow(
                $"partition of {Markup.Escape(partition.Victim)} at {partition.At:0} s ({partition.HealedAfter:0} s)",
                $"refused after {Seconds(partition.RefusedAfter)}; declared dead by its peers after {Seconds(partition.DeclaredDeadAfter)}; stopped itself after {Seconds(partition.StoppedAfter)}; "
                + $"{partition.Revocations} logouts and {partition.Writes} writes acknowledged through another silo, {partition.Questions} questions to the cut-off silo; "
                + $"{partition.FailedAttempts} failed attempts while its users moved (each retried, {partition.Unresolved} unresolved)");
        }

        foreach (var change in report.Changes)
        {
            table.AddRow(
                $"{change.Kind} of {Markup.Escape(change.Target)} at {change.At:0} s",
                $"{change.Seconds:0.0} s; {change.FailedAttempts} failed attempts meanwhile{Causes(change.FailedAttemptCauses)}; p99 {change.P99Ms:0} ms over {change.Operations} operations (steady p99 {change.SteadyP99Ms:0} ms)"
                + (change.ForwardedShare is { } share ? $"; HTTP requests forwarded between silos from {change.SettledAfter:0} s after Active to the end: {share:P2}" : ""));
        }

        foreach (var note in report.Faults.Where(f => f.Kind == "redis-empty"))
        {
            table.AddRow("redis restarted empty", Markup.Escape(note.Note ?? ""));
        }

        foreach (var kind in new[] { "Login", "Validate", "Read" })
        {
            if (report.LatencyByKind.TryGetValue(kind, out var latency))
            {
                table.AddRow($"{kind.ToLowerInvariant()} latency", $"p50 {latency.P50Ms:0} ms, p99 {latency.P99Ms:0} ms, max {latency.MaxMs:0} ms over {latency.Count}");
            }
        }

        if (report.Flood is { } flood)
        {
            table.AddRow($"flood: {flood.Clients} + {flood.Clients} clients", Markup.Escape(string.Join(", ", flood.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} ×{a.Value}"))));
            table.AddRow(
                $"{flood.ForgedProbeRequests} forged tokens after the load",
                Markup.Escape($"{string.Join(", ", flood.ForgedProbeAnswers.Select(a => $"{a.Key} ×{a.Value}"))}; user activations {flood.UserActivationsBefore} → {flood.UserActivationsAfter}; "
                    + (flood.ProbeStatements is { } st ? $"PostgreSQL statements: {st[0]} reads, {st[1]} writes, {st[2]} control" : "PostgreSQL statements: n/a")));
            table.AddRow("silos suspected / declared dead during the flood", $"{Mark(flood.SilosSuspected)} / {Mark(flood.SilosDeclaredDead)}");
        }

        if (report.FailedAttemptsByError.Count > 0)
        {
            table.AddRow("failed attempts by cause", Markup.Escape(string.Join(", ", report.FailedAttemptsByError.OrderByDescending(e => e.Value).Take(8).Select(e => $"{e.Key} ×{e.Value}"))));
        }

        table.AddRow("stale activations refused (ETag) in silo logs", report.StaleWriterConflictsInSiloLogs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("lost", Mark(check.Lost));
        table.AddRow("duplicated", Mark(check.Duplicated));
        table.AddRow("resurrected tokens", Mark(check.Resurrected));
        table.AddRow("stale reads", Mark(check.StaleReads));
        table.AddRow("lost sessions", Mark(check.LostSessions));
        table.AddRow("never-issued tokens accepted", Mark(check.UnissuedValid));
        table.AddRow("unresolved operations", Mark(check.Unresolved));
        if (report.Partitions.Count > 0)
        {
            table.AddRow("revoked tokens accepted by a cut-off silo", Mark(check.RevokedAcceptedInPartitions));
            table.AddRow("reads that missed an acknowledged write, from a cut-off silo", Mark(check.StaleReadsInPartitions));
        }
        table.AddRow("report", Markup.Escape($"{report.ReportFile}, {report.TimelinePng}"));
        return table;
    }
}
