using ActorScale.Lab.Cluster;
using CliWrap;

namespace ActorScale.Lab.Chaos;

/// <summary>The resharding of a chaos run: <c>db reshard</c> under load, killed midway with one of the silos, then finished.</summary>
public sealed partial class ChaosRunner
{
    private static readonly TimeSpan ReshardStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// At <see cref="ChaosSettings.KillEvery"/>: the resharder started as its own process, SIGKILLed once it has moved a
    /// row, a random silo SIGKILLed and restarted, and the resharder run again, which must resume and finish.
    /// </summary>
    private async Task ReshardAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        await UntilAsync(ledger, settings.KillEvery.TotalSeconds, cancellationToken);
        var from = ledger.Now;
        var target = settings.ReshardTo ?? ((cluster.ShardMap()?.Count ?? 1) + 1);
        var moving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Resharder(target, "reshard-killed", line =>
        {
            if (line.Contains("moved ", StringComparison.Ordinal))
            {
                moving.TrySetResult();
            }
        }).ExecuteAsync(CancellationToken.None);
        await Task.WhenAny(moving.Task, first.Task, Task.Delay(ReshardStartTimeout, cancellationToken));
        if (!moving.Task.IsCompleted)
        {
            var exit = first.Task.IsCompleted ? $"it exited with {(await first).ExitCode}" : "it moved nothing";
            NativeProcess.Signal(first.ProcessId, NativeProcess.SigKill);
            throw new InvalidOperationException($"the resharder did not start moving rows within {ReshardStartTimeout.TotalSeconds:0} s ({exit}); see {ResharderLog("reshard-killed")}");
        }

        NativeProcess.Signal(first.ProcessId, NativeProcess.SigKill);
        var killedAt = ledger.Now;
        await first;
        Note($"[red]✝[/] {killedAt,6:0.0} s  resharder (pid {first.ProcessId}) killed with SIGKILL while moving rows to {target} shards");

        var running = (await cluster.RequireRunningAsync()).Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var victim = await cluster.KillSiloAsync(running[_random.Next(running.Count)].Name, _random);
        await RestartAsync(victim.Name, cancellationToken);

        var second = await Resharder(target, "reshard-resumed", _ => { }).ExecuteAsync(cancellationToken);
        if (second.ExitCode != 0)
        {
            throw new InvalidOperationException($"the resumed resharding failed (exit {second.ExitCode}); see {ResharderLog("reshard-resumed")}");
        }

        Note($"[yellow]↻[/] {from,6:0.0} s  resharded to {target} shards in {ledger.Now - from:0.0} s, through a killed resharder and a killed {victim.Name}");
        Record(ledger, "reshard", $"{target} shards", from, ledger.Now);
    }

    /// <summary>The <c>actorscale db reshard</c> program built beside this one, its output in the cluster's logs.</summary>
    private Command Resharder(int target, string name, Action<string> line)
    {
        var log = ResharderLog(name);
        return Cli.Wrap(SiloBinary.LocateProgram("ActorScale.Client", "actorscale", "ACTORSCALE_CLI"))
            .WithArguments(["db", "reshard", "--to", target.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rows-per-second", settings.ReshardRowsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .WithEnvironmentVariables(e => e.Set("ACTORSCALE_HOME", cluster.Home.Root))
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToFile(log), PipeTarget.ToDelegate(line)))
            .WithStandardErrorPipe(PipeTarget.ToFile(log + ".err"))
            .WithValidation(CommandResultValidation.None);
    }

    private string ResharderLog(string name) => Path.Combine(cluster.Home.LogsDir, $"{name}.log");
}
