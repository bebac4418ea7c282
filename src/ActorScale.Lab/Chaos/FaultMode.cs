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

    /// <summary>Load only.</summary>
    None,
}
