using System.Collections.Immutable;
using System.Security.Cryptography;
using ActorScale.Abstractions.Catalog;
using ActorScale.Domain.Carts;
using ActorScale.Lab.Bench;
using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// A chaos run: virtual users load the cluster while faults are injected on a seeded schedule; then the faults stop,
/// the cluster is healed, and the ledger is checked against what the grains and PostgreSQL hold.
/// </summary>
/// <param name="cluster">The cluster to load and break.</param>
/// <param name="output">Where event lines go when there is no live display.</param>
/// <param name="settings">The run's options.</param>
/// <param name="live">A live display to update instead of printing lines, or null.</param>
public sealed partial class ChaosRunner(LocalCluster cluster, ILabOutput output, ChaosSettings settings, ChaosProgress? live = null)
{
    private static readonly OperationKind[] Writes = [OperationKind.Add, OperationKind.Set, OperationKind.Remove, OperationKind.Clear, OperationKind.Checkout, OperationKind.Login, OperationKind.Logout, OperationKind.RevokeAll, OperationKind.Register];

    private readonly List<FaultEvent> _faults = [];
    private readonly List<OutageStats> _outages = [];
    private readonly List<PartitionStats> _partitions = [];

    // The partition probe's and the readiness watch's client: plain HTTP straight to each silo's port.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private List<string> _skus = [];
    private string _runId = "";
    private const string ConflictLogLine = "Write conflict for user";

    private readonly Random _random = new(settings.Seed);
    private FailoverProbe? _probe;
    private int _conflictsBefore;
    private DateTimeOffset _startedAt;

    public async Task<ChaosReport> RunAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var runningAtStart = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => s.Name).ToHashSet();
        _conflictsBefore = CountInLogs(ConflictLogLine);
        var runId = _runId = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var skus = (await client.GetGrain<ICatalogGrain>(0).ListAsync()).Select(p => p.Sku).ToList();
        _skus = skus;
        await NetworkPartition.RemoveLeftovers(cluster.Home);
        await PrepareReleaseAsync(cancellationToken);
        var ledger = new Ledger();
        _startedAt = DateTimeOffset.UtcNow;
        _probe = new FailoverProbe(client);
        var users = Enumerable.Range(0, settings.Users)
            .Select(i => new VirtualUser($"chaos-{runId}-{i}", Api(state, client, $"chaos-{runId}-{i}", i), settings, ledger, new Random(settings.Seed * 7919 + i), skus))
            .ToList();

        var flood = settings.Flood > 0 ? new Flood(new Uri(state.BalancerAddress), settings.Flood, runId, cluster.Home.Certificates.HttpsClientOptions()) : null;
        var membersBefore = flood is null ? [] : await MembersAsync(state);
        using var stopLoad = new CancellationTokenSource();
        var load = users.Select(u => Task.Run(() => u.RunAsync(stopLoad.Token), CancellationToken.None)).ToList();
        var stepUsers = Enumerable.Range(0, settings.StepUsers)
            .Select(i => new VirtualUser($"chaos-{runId}-step-{i}", Api(state, client, $"chaos-{runId}-step-{i}", settings.Users + i), settings, ledger, new Random(settings.Seed * 7919 + settings.Users + i), skus))
            .ToList();
        users.AddRange(stepUsers);
        load.AddRange(stepUsers.Select(u => Task.Run(() => RunStepUserAsync(u, ledger, stopLoad.Token), CancellationToken.None)));
        var flooding = flood?.RunAsync(stopLoad.Token) ?? Task.CompletedTask;
        using var stopProgress = new CancellationTokenSource();
        var progress = ProgressAsync(ledger, stopProgress.Token);
        await InjectFaultsAsync(ledger, () => ProbeReadAsync(client, users), cancellationToken);
        var remaining = settings.Duration - TimeSpan.FromSeconds(ledger.Now);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        await flooding;
        var runSeconds = ledger.Now;
        var floodStats = flood is null ? null : await FloodStatsAsync(flood, client, membersBefore, cancellationToken);
        await stopProgress.CancelAsync();
        await progress;

        Note("[grey]·[/] load stopped; healing the cluster and checking the ledger");
        if (live is not null)
        {
            live.Phase = "healing and checking the ledger";
        }
        // Healing brings back what the run broke: the silos that ran when it began, not one stopped before it (a test's, an
        // operator's) nor one this run's autoscaler drained.
        foreach (var silo in (await cluster.RequireRunningAsync()).Silos.Where(s => runningAtStart.Contains(s.Name) && !NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName) && !_scaledIn.Contains(s.Name)))
        {
            await RestartAsync(silo.Name, cancellationToken);
        }

        state = await cluster.RequireRunningAsync();
        var observer = new ChaosObserver(cluster, client);
        var (observed, forged) = await observer.ObserveAsync(state, users, runId, cancellationToken);
        var check = WithPartitionFindings(LedgerChecker.Check(ledger.Entries, observed, forged));
        return BuildReport(state, ledger, runSeconds, check) with { Flood = floodStats };
    }

    /// <summary>A user's API: an Orleans client, or HTTP through the balancer from a loopback address of the user's own.</summary>
    private IUserApi Api(ClusterState state, IClusterClient client, string user, int index) =>
        settings.Flood > 0 && !settings.ViaHttp ? throw new UsageException("--flood needs --via http: the flood comes through the load balancer")
        : !settings.ViaHttp ? new GrainUserApi(client, user)
        : state.LbPort > 0 ? new HttpUserApi(SourceAddress.Client(SourceAddress.Honest(index), Http.Timeout, cluster.Home.Certificates.HttpsClientOptions()), new Uri(state.BalancerAddress), user)
        : throw new UsageException("--via http needs the cluster's load balancer: `actorscale cluster up --lb`, or --silos N to start a cluster with one");

    private async Task<FloodStats> FloodStatsAsync(Flood flood, IClusterClient client, IReadOnlyList<ActorScale.Lab.Cluster.MembershipEntry> before, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var after = await MembersAsync(state);
        Note($"[grey]·[/] flood stopped; {settings.ForgedProbe} forged tokens for users that never registered");
        await using var counters = await StoreCounters.ConnectAsync(cluster.Home, state);
        var probe = await flood.ProbeForgedAsync(client, counters, settings.ForgedProbe, cancellationToken);
        return new FloodStats(
            settings.Flood,
            flood.Answers,
            settings.ForgedProbe,
            probe.Answers,
            probe.ActivationsBefore,
            probe.ActivationsAfter,
            probe.Statements,
            Math.Max(0, after.Sum(m => m.Suspicions) - before.Sum(m => m.Suspicions)),
            Math.Max(0, after.Count(m => m.Status == "Dead") - before.Count(m => m.Status == "Dead")));
    }

    private Task<IReadOnlyList<ActorScale.Lab.Cluster.MembershipEntry>> MembersAsync(ClusterState state) =>
        RedisMembership.ReadAsync(state.ClientSettings(cluster.Home).RedisOptions(), state.ServiceId, state.ClusterId);

    private async Task ProgressAsync(Ledger ledger, CancellationToken stop)
    {
        var lastOk = 0L;
        var lastAt = 0.0;
        var tick = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var state = cluster.Home.TryLoadState();
            var up = state?.Silos.Count(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)) ?? 0;
            var now = ledger.Now;
            var ok = ledger.Ok;
            live?.Update(now, (ok - lastOk) / (now - lastAt), ok, ledger.FailedAttempts, up);
            if (live is null && ++tick % 5 == 0)
            {
                output.Say($"[grey]{now,6:0.0} s  {(ok - lastOk) / (now - lastAt),7:0} ops/s  {ok,8} ok  {ledger.FailedAttempts,6} failed attempts  {up} silos up[/]");
            }

            if (live is not null || tick % 5 == 0)
            {
                (lastOk, lastAt) = (ok, now);
            }
        }
    }

    /// <summary>An event line: into the live display when there is one, else printed.</summary>
    private void Note(string markup)
    {
        if (live is null)
        {
            output.Say(markup);
        }
        else
        {
            live.Event(markup);
        }
    }

    private ChaosReport BuildReport(ClusterState state, Ledger ledger, double runSeconds, CheckResult check)
    {
        var entries = ledger.Entries;
        var ordered = _faults.OrderBy(f => f.At).ToList();
        var faults = ordered.Select(fault =>
        {
            if (fault.Kind is not ("kill" or "graceful" or "freeze" or "partition"))
            {
                return fault;
            }

            var next = ordered.Where(f => f.At > fault.At).Select(f => f.At).DefaultIfEmpty(double.MaxValue).Min();
            var hit = entries.Where(e => e.FirstFailure is { } f && f >= fault.At && f < next && e.Outcome == Outcome.Ok).ToList();
            return fault with { LongestOperationSeconds = Math.Round(hit.Count == 0 ? 0 : hit.Max(e => e.End - e.Start), 3) };
        }).ToList();
        var longestAffected = faults.Max(f => f.LongestOperationSeconds) ?? 0;
        var recoveries = faults.Where(f => f.RecoverySeconds is not null).Select(f => f.RecoverySeconds!.Value).Order().ToList();
        var evictions = faults.Where(f => f.VerdictSeconds is not null).Select(f => f.VerdictSeconds!.Value).ToList();
        var beyondVerdict = faults.Where(f => f is { VerdictSeconds: not null, LongestOperationSeconds: > 0 })
            .Select(f => f.LongestOperationSeconds!.Value - f.VerdictSeconds!.Value).DefaultIfEmpty().Max();
        var total = Math.Max(1, entries.Count);
        return new ChaosReport
        {
            Settings = settings,
            Silos = state.Silos.Count,
            StartedAt = _startedAt,
            RunSeconds = Math.Round(runSeconds, 1),
            OperationsByOutcome = entries.GroupBy(e => e.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            OperationsByKind = entries.GroupBy(e => e.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            FirstTrySuccessRate = Math.Round(entries.Count(e => e.FirstTry) / (double)total, 5),
            SuccessAfterRetryRate = Math.Round(entries.Count(e => e.Outcome == Outcome.Ok) / (double)total, 5),
            FailedAttempts = ledger.FailedAttempts,
            FailedAttemptsByError = ledger.FailedAttemptsByError,
            LatencyByKind = entries.Where(e => e.Outcome == Outcome.Ok).GroupBy(e => e.Kind.ToString()).ToDictionary(g => g.Key, g =>
            {
                var ms = g.Select(e => (e.End - e.Start) * 1000).Order().ToList();
                return new KindLatency(ms.Count, Percentile(ms, 0.5), Percentile(ms, 0.99), Math.Round(ms[^1], 3));
            }),
            ThroughputPerSecond = Math.Round(entries.Count(e => e.Outcome == Outcome.Ok) / Math.Max(1, runSeconds), 1),
            Faults = faults,
            Recovery = new RecoveryStats(recoveries.Count, Percentile(recoveries, 0.5), Percentile(recoveries, 0.99), recoveries.DefaultIfEmpty(0).Max(), evictions.Count == 0 ? null : evictions.Max(), Math.Round(longestAffected, 3), evictions.Count == 0 ? null : Math.Round(beyondVerdict, 3)),
            Outages = _outages,
            Partitions = _partitions,
            Changes = _changes,
            StaleWriterConflictsInSiloLogs = CountInLogs(ConflictLogLine) - _conflictsBefore,
            Timeline = [.. ledger.Timeline().Select(t => new TimelinePoint(t.Second, t.Ok, t.Errors))],
            Check = check,
        };
    }

    /// <summary>One user of the load step: starts at <see cref="ChaosSettings.StepAt"/>, stops after <see cref="ChaosSettings.StepFor"/> (or with the run).</summary>
    private async Task RunStepUserAsync(VirtualUser user, Ledger ledger, CancellationToken stopLoad)
    {
        try
        {
            await Task.Delay(Later(settings.StepAt, ledger), stopLoad);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (user.User.EndsWith("-step-0", StringComparison.Ordinal))
        {
            Note($"[yellow]▲[/] load step: {settings.StepUsers} more users for {settings.StepFor.TotalSeconds:0} s");
            lock (_faults)
            {
                _faults.Add(new FaultEvent(Math.Round(ledger.Now, 2), "load-step", $"+{settings.StepUsers} users", Math.Round(settings.StepAt.Add(settings.StepFor).TotalSeconds, 2)));
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopLoad);
        stop.CancelAfter(Later(settings.StepAt + settings.StepFor, ledger));
        await user.RunAsync(stop.Token);
    }

    private static TimeSpan Later(TimeSpan at, Ledger ledger) => TimeSpan.FromSeconds(Math.Max(0, at.TotalSeconds - ledger.Now));

    /// <summary>A partition probe's findings are violations too: the run fails on any.</summary>
    private CheckResult WithPartitionFindings(CheckResult check)
    {
        var findings = _partitions.SelectMany(p => p.Findings).ToList();
        return check with
        {
            RevokedAcceptedInPartitions = findings.Count(f => f.Kind == "revoked-token-accepted"),
            StaleReadsInPartitions = findings.Count(f => f.Kind == "stale-read"),
            Violations = [.. check.Violations, .. findings.Select(f => $"partition: {f.Kind} for {f.User} by {f.Server} {f.SecondsAfterAck:0.000} s after the acknowledgement ({f.Detail})")],
        };
    }

    /// <summary>Stale activations (a frozen silo resuming) that tried to write and were refused by the ETag check.</summary>
    private int CountInLogs(string text) =>
        Directory.Exists(cluster.Home.LogsDir)
            ? Directory.GetFiles(cluster.Home.LogsDir, "silo-*.log").Sum(f => File.ReadLines(f).Count(l => l.Contains(text, StringComparison.Ordinal)))
            : 0;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 3);

    private static async Task UntilAsync(Ledger ledger, double at, CancellationToken cancellationToken)
    {
        var wait = at - ledger.Now;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }
    }
}
