using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// A whole chaos run, as the console and the tests start it: load and faults on a running cluster, then the report
/// written to a folder. On a terminal the progress is a live view (<see cref="ILabOutput.LiveAsync{T}"/>), otherwise lines.
/// </summary>
public static class ChaosRun
{
    /// <summary>Connects to <paramref name="state"/>'s cluster, runs chaos on it and writes the report files.</summary>
    public static async Task<ChaosReport> RunOnAsync(LocalCluster cluster, ClusterState state, ILabOutput output, ChaosSettings settings, string folder, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(cluster.Home), [], "the chaos cluster"), cancellationToken);
        return await RunAndSaveAsync(cluster, output, settings, connection.Client, folder, cancellationToken);
    }

    /// <summary>Runs chaos through <paramref name="client"/> and writes the report files; returns the report with their paths.</summary>
    public static async Task<ChaosReport> RunAndSaveAsync(LocalCluster cluster, ILabOutput output, ChaosSettings settings, IClusterClient client, string folder, CancellationToken cancellationToken)
    {
        var faults = settings.Mode switch
        {
            FaultMode.None => "no fault",
            FaultMode.Autoscale => $"autoscaling on {settings.AutoscaleTarget} per silo",
            _ => $"{settings.Mode.ToString().ToLowerInvariant()} every {settings.KillEvery.TotalSeconds:0} s",
        };
        var step = settings.StepUsers > 0 ? $", {settings.StepUsers} more from {settings.StepAt.TotalSeconds:0} s for {settings.StepFor.TotalSeconds:0} s" : "";
        output.Say($"[grey]·[/] chaos: {settings.Users} users for {settings.Duration.TotalSeconds:0} s{step}, {faults} (seed {settings.Seed})");
        ChaosReport report;
        if (output.Interactive)
        {
            // Redrawn in place; the launcher's own step lines would tear the display, so it runs quietly meanwhile.
            var live = new ChaosProgress();
            var quiet = new LocalCluster(cluster.Home, LabOutput.Null, cluster.SiloSettings);
            report = await output.LiveAsync(live.Snapshot, () => new ChaosRunner(quiet, output, settings, live).RunAsync(client, cancellationToken));
        }
        else
        {
            report = await new ChaosRunner(cluster, output, settings).RunAsync(client, cancellationToken);
        }

        return await ChaosReportFiles.SaveAsync(report, folder, cancellationToken);
    }
}
