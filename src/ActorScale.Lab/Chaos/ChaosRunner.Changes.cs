using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>The planned changes of a chaos run: a scale-out, graceful drains and a rolling restart, all under load.</summary>
public sealed partial class ChaosRunner
{
    private static readonly TimeSpan ScaleOutSettle = TimeSpan.FromSeconds(60);

    private readonly List<ChangeStats> _changes = [];

    /// <summary>One <c>cluster add</c> at <see cref="ChaosSettings.KillEvery"/>; the forwarded share is sampled 60 s after the new silo is Active, and at the end.</summary>
    private async Task ScaleOutAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        await UntilAsync(ledger, settings.KillEvery.TotalSeconds, cancellationToken);
        var at = ledger.Now;
        var state = await cluster.AddAsync(1, cancellationToken);
        var added = state.Silos[^1];
        var active = ledger.Now;
        Note($"[green]+[/] {at,6:0.0} s  {added.Name} added: Active after {active - at:0.0} s");
        var settled = active + ScaleOutSettle.TotalSeconds;
        if (settled >= settings.Duration.TotalSeconds - 5)
        {
            Note($"[yellow]![/] the run ends before the scale-out settles ({ScaleOutSettle.TotalSeconds:0} s after Active): make --duration longer");
            Record(ledger, "scale-out", added.Name, at, active);
            return;
        }

        await UntilAsync(ledger, settled, cancellationToken);
        var before = await RoutingAsync();
        await UntilAsync(ledger, settings.Duration.TotalSeconds - 2, cancellationToken);
        var after = await RoutingAsync();
        var (local, forwarded) = (after.Local - before.Local, after.Forwarded - before.Forwarded);
        var share = local + forwarded == 0 ? 0 : (double)forwarded / (local + forwarded);
        Note($"[grey]·[/] {ledger.Now,6:0.0} s  after the scale-out settled: {forwarded} of {local + forwarded} HTTP requests forwarded between silos ({share:P2})");
        Record(ledger, "scale-out", added.Name, at, active, Math.Round(share, 5), ScaleOutSettle.TotalSeconds);
    }

    /// <summary>Every <see cref="ChaosSettings.KillEvery"/> a random silo is drained (out of the balancer, SIGTERM, hand-over) and started again.</summary>
    private async Task DrainsAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var duration = settings.Duration.TotalSeconds;
        for (var at = settings.KillEvery.TotalSeconds; at < duration - Math.Min(settings.KillEvery.TotalSeconds, 10); at += settings.KillEvery.TotalSeconds)
        {
            await UntilAsync(ledger, at, cancellationToken);
            var running = (await cluster.RequireRunningAsync()).Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
            var victim = running[_random.Next(running.Count)];
            var from = ledger.Now;
            await cluster.StopSiloAsync(victim.Name);
            var stopped = ledger.Now;
            await RestartAsync(victim.Name, cancellationToken);
            Note($"[yellow]↻[/] {from,6:0.0} s  {victim.Name} drained in {stopped - from:0.0} s and back after {ledger.Now - from:0.0} s");
            Record(ledger, "drain", victim.Name, from, ledger.Now);
        }
    }

    private readonly HashSet<string> _scaledIn = [];

    /// <summary>
    /// <c>cluster autoscale</c> beside the load until it ends: each silo it adds (decided → ready and in the balancer) or
    /// drains (decided → gone) is recorded as a change, with how long after the load step began (out) or ended (in).
    /// </summary>
    private async Task AutoscaleAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var target = Autoscale.AutoscaleSettings.ParseTarget(settings.AutoscaleTarget ?? "", out var error) ?? throw new UsageException(error!);
        var running = (await cluster.RequireRunningAsync()).Silos.Count(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName));
        var autoscale = new Autoscale.AutoscaleSettings(running, Math.Max(running, settings.AutoscaleMax), target.Metric, target.Target, Autoscale.AutoscaleSettings.DefaultSustainOut, Autoscale.AutoscaleSettings.DefaultSustainIn, Autoscale.AutoscaleSettings.DefaultCooldown);
        var scaler = new Autoscale.Autoscaler(cluster, LabOutput.Null, autoscale);
        await scaler.RunAsync(settings.Duration - TimeSpan.FromSeconds(ledger.Now + 2), cancellationToken, change =>
        {
            var from = (change.At - _startedAt).TotalSeconds;
            var step = settings.StepUsers == 0 ? null
                : change.Action == "out" ? $"{from - settings.StepAt.TotalSeconds:0.0} s after the load step began"
                : $"{from - (settings.StepAt + settings.StepFor).TotalSeconds:0.0} s after it ended";
            if (change.Action == "in")
            {
                lock (_scaledIn)
                {
                    _scaledIn.Add(change.Silo);
                }
            }

            Note($"[{(change.Action == "out" ? "green]+" : "yellow]-")}[/] {from,6:0.0} s  autoscale {change.Action}: {change.Silo}, {change.Silos} silos ({LabMarkup.Escape(change.Why)}){(step is null ? "" : "; " + step)}");
            Record(ledger, $"autoscale-{change.Action}", change.Silo, from, (change.Done - _startedAt).TotalSeconds, note: step);
        });
    }

    private string? _release;

    /// <summary>With <see cref="ChaosSettings.RollBuild"/>, the silo is published before the load starts: the roll is measured, not the compiler.</summary>
    private async Task PrepareReleaseAsync(CancellationToken cancellationToken)
    {
        if (settings.Mode == FaultMode.Roll && settings.RollBuild)
        {
            _release = await cluster.PublishReleaseAsync(settings.RollSource, cancellationToken);
        }
    }

    /// <summary>One <c>cluster roll</c> at <see cref="ChaosSettings.KillEvery"/>: every silo drained, restarted, Active and ready in turn.</summary>
    private async Task RollAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        await UntilAsync(ledger, settings.KillEvery.TotalSeconds, cancellationToken);
        var from = ledger.Now;
        await cluster.RollAsync(_release, cancellationToken);
        Note($"[yellow]↻[/] {from,6:0.0} s  every silo rolled{(_release is null ? "" : " onto the new build")} in {ledger.Now - from:0.0} s");
        Record(ledger, "roll", "all", from, ledger.Now);
    }

    private void Record(Ledger ledger, string kind, string target, double from, double to, double? forwardedShare = null, double? settledAfter = null, string? note = null)
    {
        var entries = ledger.Entries.Where(e => e.Outcome == Outcome.Ok).ToList();
        var steadyEnd = _changes.Count == 0 ? from : _changes.Min(c => c.At);
        var steady = entries.Where(e => e.End < steadyEnd && e.Start > 2).Select(e => e.End - e.Start).Order().ToList();
        var during = entries.Where(e => e.End >= from && e.Start <= to).Select(e => e.End - e.Start).Order().ToList();
        var causes = ledger.FailedAttemptsBetween(from, to);
        lock (_faults)
        {
            _changes.Add(new ChangeStats(kind, target, Math.Round(from, 1), Math.Round(to - from, 2), causes.Values.Sum(), during.Count, Math.Round(Percentile(during, 0.99) * 1000, 1), Math.Round(Percentile(steady, 0.99) * 1000, 1), forwardedShare, settledAfter, causes));
            _faults.Add(new FaultEvent(Math.Round(from, 2), kind, target, Math.Round(to, 2), Note: note));
        }
    }

    private async Task<(long Local, long Forwarded)> RoutingAsync()
    {
        var state = await cluster.RequireRunningAsync();
        var counts = await Task.WhenAll(state.Silos.Where(s => s.HttpPort > 0 && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).Select(s => SiloRoutingCounts.ReadAsync(Http, s)));
        return (counts.Sum(c => c?.Local ?? 0), counts.Sum(c => c?.Forwarded ?? 0));
    }
}
