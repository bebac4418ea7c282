namespace ActorScale.Lab.Chaos;

/// <summary>How a chaos run loads and breaks the cluster (the options of <c>actorscale chaos</c>).</summary>
public sealed record ChaosSettings
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(3);

    public int Users { get; init; } = 100;

    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(15);

    public FaultMode Mode { get; init; } = FaultMode.Kill;

    public int KillCount { get; init; } = 1;

    public TimeSpan FreezeFor { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a partitioned silo stays cut off from its peers.</summary>
    public TimeSpan PartitionFor { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan? RedisOutage { get; init; }

    public bool RedisRestartEmpty { get; init; }

    public TimeSpan? PostgresOutage { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>The virtual users call the HTTP API through the cluster's load balancer instead of the grains through an Orleans client.</summary>
    public bool ViaHttp { get; init; }

    /// <summary>How long one attempt may take before its outcome counts as unknown and it is retried with the same id.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an operation is retried before it is reported as unresolved.</summary>
    public TimeSpan RetryDeadline { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>With <see cref="FaultMode.Roll"/>: publish the silo first (before the load starts) and roll onto that build.</summary>
    public bool RollBuild { get; init; }

    /// <summary>With <see cref="RollBuild"/>: the checkout to publish from (default: this one).</summary>
    public string? RollSource { get; init; }

    /// <summary>With <see cref="FaultMode.Reshard"/>: the shard count to move to (default: one more than now).</summary>
    public int? ReshardTo { get; init; }

    /// <summary>With <see cref="FaultMode.Reshard"/>: the resharder's pace, slow enough for the run to break it midway.</summary>
    public double ReshardRowsPerSecond { get; init; } = 20;

    /// <summary>A load step: this many more virtual users from <see cref="StepAt"/> for <see cref="StepFor"/> (what <c>cluster autoscale</c> is measured against); 0: none.</summary>
    public int StepUsers { get; init; }

    /// <summary>When the step's users start, from the start of the run.</summary>
    public TimeSpan StepAt { get; init; }

    /// <summary>How long the step's users keep going; then they stop and the load drops back.</summary>
    public TimeSpan StepFor { get; init; }

    /// <summary>With <see cref="FaultMode.Autoscale"/>: what to scale on and its value per silo, e.g. <c>requests=60</c>.</summary>
    public string? AutoscaleTarget { get; init; }

    /// <summary>With <see cref="FaultMode.Autoscale"/>: the most silos.</summary>
    public int AutoscaleMax { get; init; } = 4;

    /// <summary>Pause between a virtual user's operations.</summary>
    public TimeSpan Think { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a user keeps a session before it may log out or revoke all (a step that would end it sooner reads the
    /// cart instead). Default 20 s: each user still ends a session three or four times a minute (so revoked tokens and
    /// lost sessions are checked), within the balancer's 10 logins a minute per address. Zero ends sessions every few
    /// seconds (until 2026-12-01 the only workload): about 17 logins a minute per user, whose password hashes were half of
    /// this machine's cores, and which the balancer's login limit refuses.
    /// </summary>
    public TimeSpan SessionLength { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The users start one by one over this time (each at a random moment within it), not all at once; zero: all at once.</summary>
    public TimeSpan RampUp { get; init; }

    /// <summary>Flood clients of each kind (registering and logging in; sending forged tokens) beside the users; 0: none. Needs <see cref="ViaHttp"/>.</summary>
    public int Flood { get; init; }

    /// <summary>Forged-token requests sent after a flooded run's load, counted against activations and PostgreSQL statements.</summary>
    public int ForgedProbe { get; init; } = 20_000;
}
