using System.Diagnostics;
using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// The partition run against the stateless baseline, so the comparison is like with like: N servers of a design on the
/// cluster's Redis and PostgreSQL, the same <see cref="PartitionProbe"/> asking one of them about users whose logouts
/// and writes are acknowledged through another. A stateless server never talks to its peers, so cutting it off from
/// them changes nothing it does; nothing is cut, and the report says so.
/// </summary>
public static class BaselinePartitionRun
{
    public const string Note = "stateless servers do not talk to each other: a server cut off from its peers but not from Redis and PostgreSQL serves exactly as before, so no rule is needed";

    public static async Task<BaselinePartitionReport> RunAsync(LocalCluster cluster, string design, ChaosSettings settings, ILabOutput output, CancellationToken cancellationToken)
    {
        var servers = await cluster.StartBaselineAsync(design, 3, cancellationToken);
        try
        {
            var (victim, healthy) = (servers[1], servers[0]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var probe = new PartitionProbe(http, victim.Address, victim.Name, healthy.Address, "mug-actor");
            await probe.PrepareAsync($"part-{design}-{Guid.NewGuid():N}"[..24], count: 4, sessions: 8, cancellationToken);
            output.Say($"[grey]·[/] {LabMarkup.Escape(design)}: asking {LabMarkup.Escape(victim.Name)} about users whose logouts and writes {LabMarkup.Escape(healthy.Name)} acknowledges, for {settings.PartitionFor.TotalSeconds:0} s");
            var since = Stopwatch.StartNew();
            double? refused = null;
            using var stop = new CancellationTokenSource();
            var asking = probe.RunAsync(stop.Token);
            while (since.Elapsed < settings.PartitionFor)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                try
                {
                    using var ready = await http.GetAsync(new Uri(victim.Address, "/health/ready"), timeout.Token);
                    refused ??= ready.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable ? Math.Round(since.Elapsed.TotalSeconds, 2) : null;
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    // Not answering is not refusing: keep watching.
                }

                await Task.Delay(100, cancellationToken);
            }

            await stop.CancelAsync();
            await asking;
            var r = probe.Results();
            var stats = new PartitionStats(victim.Name, 0, Math.Round(since.Elapsed.TotalSeconds, 2), refused, null, null, r.Revocations, r.Writes, r.Questions, r.FailedAttempts, r.Unresolved, r.Findings);
            return new BaselinePartitionReport(design, servers.Count, stats, Note);
        }
        finally
        {
            await BaselineServers.StopAsync(servers);
        }
    }
}
