using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Autoscale;

/// <summary>One change <c>cluster autoscale</c> made: when it was decided and done (the new silo ready, the old one gone), which silo, the silo count after it, and why.</summary>
public sealed record AutoscaleEvent(DateTimeOffset At, DateTimeOffset Done, string Action, string Silo, int Silos, double? Figure, string Why);

/// <summary>What one <c>cluster autoscale</c> run did.</summary>
public sealed record AutoscaleReport(AutoscaleSettings Settings, DateTimeOffset StartedAt, double RunSeconds, int SilosAtStart, int SilosAtEnd, IReadOnlyList<AutoscaleEvent> Events);

/// <summary>
/// <c>cluster autoscale</c>: every <see cref="PrometheusServer.ScrapeInterval"/> reads each running silo's figure from
/// the cluster's Prometheus, asks <see cref="AutoscalePolicy"/>, and adds a silo (<c>cluster add</c>: started, Active,
/// ready, into the balancer) or drains the youngest (<c>cluster stop</c>: SIGTERM, its users handed over before it leaves).
/// </summary>
public sealed class Autoscaler(LocalCluster cluster, ILabOutput output, AutoscaleSettings settings)
{
    /// <param name="duration">How long to run; zero: until cancelled.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl-C) between changes; the report is still returned.</param>
    /// <param name="changed">Told of each change once it is done (chaos records it against its ledger).</param>
    public async Task<AutoscaleReport> RunAsync(TimeSpan duration, CancellationToken cancellationToken, Action<AutoscaleEvent>? changed = null)
    {
        var state = await cluster.RequireRunningAsync();
        if (!NativeProcess.IsRunning(state.PrometheusPid, PrometheusServer.Program))
        {
            throw new UsageException("this cluster runs no Prometheus to read the load from: start it with `actorscale cluster up` (bench's clusters have none)");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var prometheus = new PrometheusApi(http, state.PrometheusPort);
        var policy = new AutoscalePolicy(settings);
        var events = new List<AutoscaleEvent>();
        var started = DateTimeOffset.UtcNow;
        var atStart = Running(state).Count;
        var silos = atStart;
        output.Say($"[grey]·[/] autoscaling {settings.Min}-{settings.Max} silos on {settings.Metric.ToString().ToLowerInvariant()}={settings.Target} per silo (out after {settings.SustainOut.TotalSeconds:0} s above, in after {settings.SustainIn.TotalSeconds:0} s below {AutoscaleSettings.ScaleInShare:P0} with one fewer, {settings.Cooldown.TotalSeconds:0} s cooldown); reading {prometheus.Address}");
        string? lastHold = null;
        while (!cancellationToken.IsCancellationRequested && (duration == TimeSpan.Zero || DateTimeOffset.UtcNow - started < duration))
        {
            var running = Running(await cluster.RequireRunningAsync());
            silos = running.Count;
            IReadOnlyList<double> values;
            try
            {
                var loads = await SiloLoad.ReadAsync(prometheus, cancellationToken);
                values = [.. loads.Where(l => running.Any(s => s.Name == l.Silo)).Select(Figure).OfType<double>()];
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                output.Say($"[yellow]![/] prometheus: {LabMarkup.Escape(ex.Message)}");
                values = [];
            }

            var now = DateTimeOffset.UtcNow;
            var (action, why) = policy.Decide(now, silos, values);
            if (action == AutoscaleAction.Hold)
            {
                if (why != lastHold && output.Interactive)
                {
                    output.Say($"[grey]{now:HH:mm:ss} hold ({silos} silos): {LabMarkup.Escape(why)}[/]");
                }

                lastHold = why;
            }
            else
            {
                var silo = await ChangeAsync(action, running, cancellationToken);
                silos += action == AutoscaleAction.Out ? 1 : -1;
                var change = new AutoscaleEvent(now, DateTimeOffset.UtcNow, action == AutoscaleAction.Out ? "out" : "in", silo, silos, policy.Figure, why);
                events.Add(change);
                changed?.Invoke(change);
                output.Say($"{DateTimeOffset.UtcNow:HH:mm:ss} [{(action == AutoscaleAction.Out ? "green]scaled out" : "yellow]scaled in")}[/] to {silos} silos ({silo}): {LabMarkup.Escape(why)}");
            }

            try
            {
                await Task.Delay(PrometheusServer.ScrapeInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new AutoscaleReport(settings, started, Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 1), atStart, silos, events);
    }

    private async Task<string> ChangeAsync(AutoscaleAction action, IReadOnlyList<SiloRecord> running, CancellationToken cancellationToken)
    {
        if (action == AutoscaleAction.Out)
        {
            var before = running.Select(s => s.Name).ToHashSet();
            var after = await cluster.AddAsync(1, cancellationToken);
            return after.Silos.First(s => s.Pid > 0 && !before.Contains(s.Name)).Name;
        }

        // The youngest silo goes first: the one a scale-out added last, holding the fewest users.
        var youngest = running.OrderBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal).Last();
        await cluster.StopSiloAsync(youngest.Name);
        return youngest.Name;
    }

    private double? Figure(SiloLoad load) => settings.Metric switch
    {
        AutoscaleMetric.Requests => load.RequestsPerSecond,
        AutoscaleMetric.Cpu => load.CpuCores,
        _ => load.P99Milliseconds,
    };

    private static List<SiloRecord> Running(ClusterState state) =>
        [.. state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName))];
}
