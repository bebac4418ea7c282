namespace ActorScale.Lab.Chaos;

/// <summary>The fault injected every <see cref="ChaosSettings.KillEvery"/>.</summary>
public enum FaultMode
{
    /// <summary>SIGKILL, then restart.</summary>
    Kill,

    /// <summary>SIGTERM (graceful shutdown), then restart.</summary>
    Graceful,

    /// <summary>SIGSTOP for <see cref="ChaosSettings.FreezeFor"/>, then SIGCONT (a hung or partitioned silo).</summary>
    Freeze,

    /// <summary>
    /// The silo cut off from its peers for <see cref="ChaosSettings.PartitionFor"/> (it keeps Redis, PostgreSQL, its
    /// gateway and its HTTP port), then healed; a partition probe asks it about users whose logout or write was
    /// acknowledged elsewhere meanwhile.
    /// </summary>
    Partition,

    /// <summary>One silo added at <see cref="ChaosSettings.KillEvery"/> (<c>cluster add</c>); the forwarded share is measured once it settled.</summary>
    ScaleOut,

    /// <summary>A random silo drained (out of the balancer, SIGTERM, users handed over) and started again, every <see cref="ChaosSettings.KillEvery"/>.</summary>
    Drain,

    /// <summary>One rolling restart of every silo at <see cref="ChaosSettings.KillEvery"/> (<c>cluster roll</c>).</summary>
    Roll,

    /// <summary>
    /// One online resharding at <see cref="ChaosSettings.KillEvery"/> (<c>db reshard</c>, a process of its own), broken on
    /// purpose: the resharder SIGKILLed once it moves rows, then a silo SIGKILLed and restarted, then the resharding run
    /// again to its end.
    /// </summary>
    Reshard,

    /// <summary>
    /// <c>cluster autoscale</c> runs beside the load (target <see cref="ChaosSettings.AutoscaleTarget"/>, from the silos
    /// running at the start up to <see cref="ChaosSettings.AutoscaleMax"/>): each silo it adds or drains is a change of
    /// the run; with a load step (<see cref="ChaosSettings.StepUsers"/>) the report says how soon after the step began
    /// and ended it scaled out and in.
    /// </summary>
    Autoscale,

    /// <summary>Load only.</summary>
    None,
}
