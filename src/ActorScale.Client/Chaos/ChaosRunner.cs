using System.Collections.Immutable;
using System.Security.Cryptography;
using ActorScale.Abstractions.Catalog;
using ActorScale.Client.Cluster;
using ActorScale.Client.Output;

namespace ActorScale.Client.Chaos;

/// <summary>
/// A chaos run: virtual users load the cluster while faults are injected on a seeded schedule; then the faults stop,
/// the cluster is healed, and the ledger is checked against what the grains and PostgreSQL hold.
/// </summary>
public sealed class ChaosRunner(LocalCluster cluster, Reporter reporter, ChaosSettings settings)
{
    private static readonly OperationKind[] Writes = [OperationKind.Add, OperationKind.Set, OperationKind.Remove, OperationKind.Clear, OperationKind.Checkout, OperationKind.Login, OperationKind.Logout, OperationKind.RevokeAll, OperationKind.Register];

    private readonly List<FaultEvent> _faults = [];
    private readonly List<OutageStats> _outages = [];
    private const string ConflictLogLine = "Write conflict for user";

    private readonly Random _random = new(settings.Seed);
    private FailoverProbe? _probe;
    private int _conflictsBefore;

    public async Task<ChaosReport> RunAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        _conflictsBefore = CountInLogs(ConflictLogLine);
        var runId = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var skus = (await client.GetGrain<ICatalogGrain>(0).ListAsync()).Select(p => p.Sku).ToList();
        var ledger = new Ledger();
        _probe = new FailoverProbe(client);
        var users = Enumerable.Range(0, settings.Users)
            .Select(i => new VirtualUser($"chaos-{runId}-{i}", client, settings, ledger, new Random(settings.Seed * 7919 + i), skus))
            .ToList();

        using var stopLoad = new CancellationTokenSource();
        var load = users.Select(u => Task.Run(() => u.RunAsync(stopLoad.Token), CancellationToken.None)).ToList();
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
        var runSeconds = ledger.Now;
        await stopProgress.CancelAsync();
        await progress;

        reporter.Say("[grey]·[/] load stopped; healing the cluster and checking the ledger");
        foreach (var silo in (await cluster.RequireRunningAsync()).Silos.Where(s => !NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)))
        {
            await RestartAsync(silo.Name, cancellationToken);
        }

        state = await cluster.RequireRunningAsync();
        var observer = new ChaosObserver(cluster, client);
        var (observed, forged) = await observer.ObserveAsync(state, users, runId, cancellationToken);
        var check = LedgerChecker.Check(ledger.Entries, observed, forged);
        return BuildReport(state, ledger, runSeconds, check);
    }

    private async Task InjectFaultsAsync(Ledger ledger, Func<Task> probe, CancellationToken cancellationToken)
    {
        var duration = settings.Duration.TotalSeconds;
        var tasks = new List<Task>();
        if (settings.Mode != FaultMode.None)
        {
            tasks.Add(Task.Run(
                async () =>
                {
                    // Faults stop early enough for the last one to heal before the load ends.
                    for (var at = settings.KillEvery.TotalSeconds; at < duration - Math.Min(settings.KillEvery.TotalSeconds, 10); at += settings.KillEvery.TotalSeconds)
                    {
                        await UntilAsync(ledger, at, cancellationToken);
                        await SiloFaultAsync(ledger, cancellationToken);
                    }
                },
                cancellationToken));
        }

        if (settings.RedisOutage is { } redisOutage)
        {
            tasks.Add(OutageAsync(ledger, "redis", duration * 0.3, redisOutage, () => cluster.PauseRedisAsync(true), () => cluster.PauseRedisAsync(false), probe, cancellationToken));
        }

        if (settings.PostgresOutage is { } postgresOutage)
        {
            tasks.Add(OutageAsync(ledger, "postgres", duration * 0.5, postgresOutage, cluster.StopPostgresAsync, cluster.StartPostgresAsync, probe, cancellationToken));
        }

        if (settings.RedisRestartEmpty)
        {
            tasks.Add(RedisEmptyAsync(ledger, duration * 0.75, cancellationToken));
        }

        await Task.WhenAll(tasks);
    }

    private async Task SiloFaultAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var running = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        if (running.Count <= settings.KillCount)
        {
            reporter.Say($"[yellow]![/] skipping a fault: only {running.Count} silo(s) running");
            return;
        }

        var victims = running.OrderBy(_ => _random.Next()).Take(settings.KillCount).ToList();
        await Task.WhenAll(victims.Select(async victim =>
        {
            // A probe grain on the victim: the recovery is the time from the fault to its first successful call.
            var (probeCart, probeToken) = await _probe!.PlaceOnAsync(victim.Name, cancellationToken);
            var sinceFault = System.Diagnostics.Stopwatch.StartNew();
            var at = ledger.Now;
            Task<(double Seconds, int Failures)> Probe() => FailoverProbe.UntilServedAsync(probeCart, probeToken, sinceFault, cancellationToken);
            Task<(double Seconds, int Failures)>? served = null;
            string? note = null;
            switch (settings.Mode)
            {
                case FaultMode.Kill:
                    NativeProcess.Signal(victim.Pid, NativeProcess.SigKill);
                    served = Probe();
                    await NativeProcess.WaitForExitAsync(victim.Pid, SiloBinary.ProgramName, TimeSpan.FromSeconds(10));
                    break;
                case FaultMode.Graceful:
                    NativeProcess.Signal(victim.Pid, NativeProcess.SigTerm);
                    served = Probe();
                    await NativeProcess.StopAsync(victim.Pid, SiloBinary.ProgramName, NativeProcess.SigTerm, TimeSpan.FromSeconds(30));
                    break;
                case FaultMode.Freeze:
                    note = await FreezeAsync(victim, ledger, () => served = Probe(), cancellationToken);
                    break;
            }

            served ??= FailoverProbe.UntilServedAsync(probeCart, probeToken, sinceFault, cancellationToken);
            var (recovery, _) = await served;
            reporter.Say($"[red]✝[/] {at,6:0.0} s  {settings.Mode.ToString().ToLowerInvariant()} {victim.Name} (pid {victim.Pid}): a grain it hosted answered again after {recovery:0.00} s{(note is null ? "" : " — " + note)}");
            if (!NativeProcess.IsRunning(victim.Pid, SiloBinary.ProgramName))
            {
                await RestartAsync(victim.Name, cancellationToken);
            }

            lock (_faults)
            {
                _faults.Add(new FaultEvent(at, settings.Mode.ToString().ToLowerInvariant(), victim.Name, ledger.Now, Math.Round(recovery, 3), note));
            }
        }));
    }

    /// <summary>SIGSTOP, watch the membership until the silo is declared dead, SIGCONT after FreezeFor.</summary>
    private async Task<string> FreezeAsync(SiloRecord victim, Ledger ledger, Action frozen, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var redis = state.ClientSettings(cluster.Home).RedisConnectionString();
        var frozenAt = ledger.Now;
        await cluster.FreezeSiloAsync(victim.Name);
        frozen();
        double? evicted = null;
        while (ledger.Now - frozenAt < settings.FreezeFor.TotalSeconds)
        {
            if (evicted is null)
            {
                var rows = await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId);
                if (rows.Any(r => r.SiloName == victim.Name && r.SiloAddress.Contains($":{victim.SiloPort}", StringComparison.Ordinal) && r.Status == "Dead"))
                {
                    evicted = ledger.Now - frozenAt;
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        LocalCluster.Thaw(victim);

        // A silo that finds itself declared dead stops on its own; give it the time to notice.
        await NativeProcess.WaitForExitAsync(victim.Pid, SiloBinary.ProgramName, TimeSpan.FromSeconds(30));
        return evicted is { } seconds ? $"declared dead after {seconds:0.0} s frozen" : $"not declared dead within {settings.FreezeFor.TotalSeconds:0} s";
    }

    /// <summary>
    /// Takes Redis or PostgreSQL away for a while. Meanwhile a probe keeps reading a few users' carts (grains that
    /// are already active), to show what still works without the server.
    /// </summary>
    private async Task OutageAsync(Ledger ledger, string target, double at, TimeSpan length, Func<Task> stop, Func<Task> start, Func<Task> probe, CancellationToken cancellationToken)
    {
        await UntilAsync(ledger, at, cancellationToken);
        var from = ledger.Now;
        var failedBefore = ledger.FailedAttempts;
        await stop();
        reporter.Say($"[red]✝[/] {from,6:0.0} s  {target} stopped for {length.TotalSeconds:0} s");
        var (probeOk, probeFailed) = (0, 0);
        using (var outage = new CancellationTokenSource(length))
        {
            while (!outage.IsCancellationRequested)
            {
                try
                {
                    await probe().WaitAsync(settings.AttemptTimeout, cancellationToken);
                    probeOk++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    probeFailed++;
                }

                await Task.Delay(100, cancellationToken);
            }
        }

        // Only what completed while the server was really down counts; the window ends when the restart begins.
        var until = ledger.Now;
        await start();
        var to = ledger.Now;
        reporter.Say($"[green]✓[/] {to,6:0.0} s  {target} back");
        var entries = ledger.Entries.Where(e => e.Outcome == Outcome.Ok && e.End > from + 0.5 && e.End < until).ToList();
        var state = await cluster.RequireRunningAsync();
        lock (_faults)
        {
            _faults.Add(new FaultEvent(from, $"{target}-stop", target, to));
            _outages.Add(new OutageStats(
                target,
                from,
                to,
                entries.Count(e => e.Kind is OperationKind.Read or OperationKind.Validate),
                entries.Count(e => Writes.Contains(e.Kind)),
                ledger.FailedAttempts - failedBefore,
                state.Silos.Count(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)),
                probeOk,
                probeFailed));
        }
    }

    /// <summary>Redis killed and restarted empty (no persistence): does the membership table come back by itself?</summary>
    private async Task RedisEmptyAsync(Ledger ledger, double at, CancellationToken cancellationToken)
    {
        await UntilAsync(ledger, at, cancellationToken);
        var from = ledger.Now;
        await cluster.RestartRedisEmptyAsync();
        var state = await cluster.RequireRunningAsync();
        var redis = state.ClientSettings(cluster.Home).RedisConnectionString();
        var expected = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => s.Name).ToHashSet();
        string note;
        while (true)
        {
            var rows = await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId);
            if (expected.All(name => rows.Any(r => r.SiloName == name && r.Status == "Active")))
            {
                note = $"membership rebuilt by the silos after {ledger.Now - from:0.0} s";
                break;
            }

            if (ledger.Now - from > 30)
            {
                // The operator's fix: restart the silos so they rejoin the new, empty table.
                foreach (var silo in expected)
                {
                    await RestartAsync(silo, cancellationToken);
                }

                note = $"membership not rebuilt within 30 s; restarting the silos fixed it after {ledger.Now - from:0.0} s";
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        reporter.Say($"[yellow]![/] {from,6:0.0} s  redis restarted empty: {note}");
        lock (_faults)
        {
            _faults.Add(new FaultEvent(from, "redis-empty", "redis", ledger.Now, Note: note));
        }
    }

    /// <summary>Reads the carts of the first few users that hold a token (their grains are active).</summary>
    private static async Task ProbeReadAsync(IClusterClient client, IReadOnlyList<VirtualUser> users)
    {
        foreach (var user in users.Where(u => u.Token is not null).Take(5).ToList())
        {
            await client.GetGrain<ActorScale.Abstractions.Carts.ICartGrain>(ActorScale.Abstractions.UserKey.For(user.User)).GetAsync(user.Token!);
        }
    }

    /// <summary>
    /// Restarts a silo, retrying while it cannot start (a silo refuses to start while PostgreSQL is down, and a kill
    /// may overlap the PostgreSQL outage).
    /// </summary>
    private async Task RestartAsync(string silo, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                await cluster.RestartSiloAsync(silo, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                reporter.Say($"[yellow]![/] {Spectre.Console.Markup.Escape(silo)} could not start yet ({Spectre.Console.Markup.Escape(ex.Message.Split('\n')[0])}); retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task ProgressAsync(Ledger ledger, CancellationToken stop)
    {
        var lastOk = 0L;
        var lastAt = 0.0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var state = cluster.Home.TryLoadState();
            var up = state?.Silos.Count(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)) ?? 0;
            var now = ledger.Now;
            var ok = ledger.Ok;
            reporter.Say($"[grey]{now,6:0.0} s  {(ok - lastOk) / (now - lastAt),7:0} ops/s  {ok,8} ok  {ledger.FailedAttempts,6} failed attempts  {up} silos up[/]");
            (lastOk, lastAt) = (ok, now);
        }
    }

    private ChaosReport BuildReport(ClusterState state, Ledger ledger, double runSeconds, CheckResult check)
    {
        var entries = ledger.Entries;
        var faults = _faults.OrderBy(f => f.At).ToList();
        var siloFaults = faults.Where(f => f.Kind is "kill" or "graceful" or "freeze").ToList();
        var longestAffected = 0.0;
        foreach (var fault in siloFaults)
        {
            var next = faults.Where(f => f.At > fault.At).Select(f => f.At).DefaultIfEmpty(double.MaxValue).Min();
            var hit = entries.Where(e => e.FirstFailure is { } f && f >= fault.At && f < next && e.Outcome == Outcome.Ok).ToList();
            longestAffected = Math.Max(longestAffected, hit.Count == 0 ? 0 : hit.Max(e => e.End - e.Start));
        }

        var recoveries = faults.Where(f => f.RecoverySeconds is not null).Select(f => f.RecoverySeconds!.Value).Order().ToList();
        var evictions = faults.Where(f => f.Kind == "freeze" && f.Note?.StartsWith("declared dead after ", StringComparison.Ordinal) == true)
            .Select(f => double.Parse(f.Note!["declared dead after ".Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        var total = Math.Max(1, entries.Count);
        return new ChaosReport
        {
            Settings = settings,
            Silos = state.Silos.Count,
            RunSeconds = Math.Round(runSeconds, 1),
            OperationsByOutcome = entries.GroupBy(e => e.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            OperationsByKind = entries.GroupBy(e => e.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            FirstTrySuccessRate = Math.Round(entries.Count(e => e.FirstTry) / (double)total, 5),
            SuccessAfterRetryRate = Math.Round(entries.Count(e => e.Outcome == Outcome.Ok) / (double)total, 5),
            FailedAttempts = ledger.FailedAttempts,
            ThroughputPerSecond = Math.Round(entries.Count(e => e.Outcome == Outcome.Ok) / Math.Max(1, runSeconds), 1),
            Faults = faults,
            Recovery = new RecoveryStats(recoveries.Count, Percentile(recoveries, 0.5), Percentile(recoveries, 0.99), recoveries.DefaultIfEmpty(0).Max(), evictions.Count == 0 ? null : evictions.Max(), Math.Round(longestAffected, 3)),
            Outages = _outages,
            StaleWriterConflictsInSiloLogs = CountInLogs(ConflictLogLine) - _conflictsBefore,
            Timeline = [.. ledger.Timeline().Select(t => new TimelinePoint(t.Second, t.Ok, t.Errors))],
            Check = check,
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
