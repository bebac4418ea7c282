using System.Collections.Immutable;
using System.Security.Cryptography;
using ActorScale.Abstractions.Catalog;
using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>The faults of a chaos run: silo kills, stops and freezes, Redis and PostgreSQL outages.</summary>
public sealed partial class ChaosRunner
{
    private async Task InjectFaultsAsync(Ledger ledger, Func<Task> probe, CancellationToken cancellationToken)
    {
        var duration = settings.Duration.TotalSeconds;
        var tasks = new List<Task>();
        if (settings.Mode == FaultMode.ScaleOut)
        {
            tasks.Add(ScaleOutAsync(ledger, cancellationToken));
        }
        else if (settings.Mode == FaultMode.Drain)
        {
            tasks.Add(DrainsAsync(ledger, cancellationToken));
        }
        else if (settings.Mode == FaultMode.Roll)
        {
            tasks.Add(RollAsync(ledger, cancellationToken));
        }
        else if (settings.Mode == FaultMode.Reshard)
        {
            tasks.Add(ReshardAsync(ledger, cancellationToken));
        }
        else if (settings.Mode == FaultMode.Autoscale)
        {
            tasks.Add(AutoscaleAsync(ledger, cancellationToken));
        }
        else if (settings.Mode != FaultMode.None)
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
            Note($"[yellow]![/] skipping a fault: only {running.Count} silo(s) running");
            return;
        }

        var victims = running.OrderBy(_ => _random.Next()).Take(settings.KillCount).ToList();
        // A probe grain on each victim, placed before any fault so that several victims are hit at the same moment:
        // the recovery is the time from the fault to the probe's first successful call.
        var probes = await Task.WhenAll(victims.Select(victim => _probe!.PlaceOnAsync(victim.Name, cancellationToken)));
        await Task.WhenAll(victims.Select(async (victim, index) =>
        {
            var (probeCart, probeToken) = probes[index];
            var sinceFault = System.Diagnostics.Stopwatch.StartNew();
            var at = ledger.Now;
            Task<(double Seconds, int Failures)> Probe() => FailoverProbe.UntilServedAsync(probeCart, probeToken, sinceFault, cancellationToken);
            Task<(double Seconds, int Failures)>? served = null;
            string? note = null;
            double? verdict = null;
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
                    verdict = await FreezeAsync(victim, ledger, () => served = Probe(), cancellationToken);
                    note = verdict is { } seconds ? $"declared dead after {seconds:0.0} s frozen" : $"not declared dead within {settings.FreezeFor.TotalSeconds:0} s";
                    break;
                case FaultMode.Partition:
                    var stats = await PartitionAsync(victim, ledger, () => served = Probe(), cancellationToken);
                    note = Describe(stats);
                    lock (_faults)
                    {
                        _partitions.Add(stats);
                    }

                    break;
            }

            served ??= FailoverProbe.UntilServedAsync(probeCart, probeToken, sinceFault, cancellationToken);
            var (recovery, _) = await served;
            Note($"[red]✝[/] {at,6:0.0} s  {settings.Mode.ToString().ToLowerInvariant()} {victim.Name} (pid {victim.Pid}): a grain it hosted answered again after {recovery:0.00} s{(note is null ? "" : " — " + note)}");
            if (verdict is not null)
            {
                // Resumed after it was declared dead, it stops by itself within seconds: restart it only then, so that
                // the next fault never picks a silo that is already dead.
                await NativeProcess.WaitForExitAsync(victim.Pid, SiloBinary.ProgramName, TimeSpan.FromSeconds(30));
            }

            if (!NativeProcess.IsRunning(victim.Pid, SiloBinary.ProgramName))
            {
                await RestartAsync(victim.Name, cancellationToken);
            }

            lock (_faults)
            {
                _faults.Add(new FaultEvent(at, settings.Mode.ToString().ToLowerInvariant(), victim.Name, ledger.Now, Math.Round(recovery, 3), note, VerdictSeconds: verdict));
            }
        }));
    }

    /// <summary>SIGSTOP, watch the membership until the silo is declared dead, SIGCONT after FreezeFor; returns the seconds to the verdict (null: none while frozen).</summary>
    private async Task<double?> FreezeAsync(SiloRecord victim, Ledger ledger, Action frozen, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var redis = state.ClientSettings(cluster.Home).RedisOptions();
        var frozenAt = ledger.Now;
        await cluster.FreezeSiloAsync(victim.Name);
        frozen();
        double? evicted = null;
        while (ledger.Now - frozenAt < settings.FreezeFor.TotalSeconds)
        {
            if (evicted is null)
            {
                var rows = await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId);
                // Its newest row: a silo frozen before and restarted on the same port left a Dead row of an older generation.
                if (BalancerWatch.LatestStatus(rows, victim) == "Dead")
                {
                    evicted = ledger.Now - frozenAt;
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        LocalCluster.Thaw(victim);

        // A silo that finds itself declared dead stops on its own; give it the time to notice.
        await NativeProcess.WaitForExitAsync(victim.Pid, SiloBinary.ProgramName, TimeSpan.FromSeconds(30));
        return evicted is { } seconds ? Math.Round(seconds, 1) : null;
    }

    /// <summary>
    /// Cuts the silo off from its peers for <see cref="ChaosSettings.PartitionFor"/>, then heals it. Meanwhile a
    /// <see cref="PartitionProbe"/> asks the silo about users it hosted whose logouts and writes are acknowledged through
    /// a healthy silo, and the run watches when the silo starts refusing (its readiness says 503), when its peers declare
    /// it dead and when it stops by itself. The probe keeps asking for a few seconds after the heal.
    /// </summary>
    private async Task<PartitionStats> PartitionAsync(SiloRecord victim, Ledger ledger, Action cut, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var peers = state.Silos.Where(s => s.Name != victim.Name && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var healthy = peers.First(p => p.HttpPort > 0);
        var probe = new PartitionProbe(Http, new Uri(LocalCluster.HttpAddress(victim.HttpPort)), victim.Name, new Uri(LocalCluster.HttpAddress(healthy.HttpPort)), _skus[0]);
        await probe.PrepareAsync($"part-{_runId}-{_partitions.Count + 1}", count: 4, sessions: 8, cancellationToken);

        var redis = state.ClientSettings(cluster.Home).RedisOptions();
        var at = ledger.Now;
        var since = System.Diagnostics.Stopwatch.StartNew();
        double? refused = null, dead = null, stopped = null;
        double healed;
        using var stopProbe = new CancellationTokenSource();
        Task asking;
        await using (await NetworkPartition.CutAsync(cluster.Home, victim, peers, settings.PartitionFor + TimeSpan.FromMinutes(1), Path.Combine(cluster.Home.LogsDir, "partition.log")))
        {
            cut();
            Note($"[red]✝[/] {at,6:0.0} s  {victim.Name} cut off from its peers for {settings.PartitionFor.TotalSeconds:0} s");
            asking = probe.RunAsync(stopProbe.Token);
            while (since.Elapsed < settings.PartitionFor)
            {
                await WatchAsync();
            }

            healed = since.Elapsed.TotalSeconds;
        }

        // A silo that lived through the partition is asked a little longer: a zombie would show here.
        var after = since.Elapsed + TimeSpan.FromSeconds(3);
        while (since.Elapsed < after)
        {
            await WatchAsync();
        }

        await stopProbe.CancelAsync();
        await asking;
        var results = probe.Results();
        return new PartitionStats(
            victim.Name, Math.Round(at, 1), Math.Round(healed, 2), refused, dead, stopped, results.Revocations, results.Writes, results.Questions, results.FailedAttempts, results.Unresolved, results.Findings);

        async Task WatchAsync()
        {
            var now = Math.Round(since.Elapsed.TotalSeconds, 2);
            if (refused is null && await ReadinessAsync(victim) == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                refused = now;
            }

            if (dead is null && (await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId)).Any(r => r.SiloName == victim.Name && r.SiloAddress.Contains($":{victim.SiloPort}", StringComparison.Ordinal) && r.Status == "Dead"))
            {
                dead = now;
            }

            if (stopped is null && !NativeProcess.IsRunning(victim.Pid, SiloBinary.ProgramName))
            {
                stopped = now;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<System.Net.HttpStatusCode?> ReadinessAsync(SiloRecord silo)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            using var response = await Http.GetAsync(new Uri(LocalCluster.HttpAddress(silo.HttpPort) + "/health/ready"), timeout.Token);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    private static string Describe(PartitionStats p) =>
        $"refused after {Seconds(p.RefusedAfter)}, declared dead after {Seconds(p.DeclaredDeadAfter)}, stopped itself after {Seconds(p.StoppedAfter)}; "
        + $"{p.Revocations} logouts and {p.Writes} writes acknowledged elsewhere, {p.Questions} questions to it: "
        + $"{p.Findings.Count(f => f.Kind == "revoked-token-accepted")} revoked tokens accepted, {p.Findings.Count(f => f.Kind == "stale-read")} stale reads";

    private static string Seconds(double? seconds) => seconds is { } s ? $"{s:0.0} s" : "never";

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
        Note($"[red]✝[/] {from,6:0.0} s  {target} stopped for {length.TotalSeconds:0} s");
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
        Note($"[green]✓[/] {to,6:0.0} s  {target} back");
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
        var redis = state.ClientSettings(cluster.Home).RedisOptions();
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

        Note($"[yellow]![/] {from,6:0.0} s  redis restarted empty: {note}");
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
                Note($"[yellow]![/] {LabMarkup.Escape(silo)} could not start yet ({LabMarkup.Escape(ex.Message.Split('\n')[0])}); retrying in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }
}
