namespace ActorScale.Lab.Bench;

/// <summary>One bench run's options.</summary>
public sealed record BenchSettings
{
    public IReadOnlyList<string> Designs { get; init; } = BenchDesigns.All;

    public IReadOnlyList<string> Workloads { get; init; } = BenchWorkloads.All;

    /// <summary>Server processes per design: silos for the grain designs, web servers for the baseline. Two by default: one per core of the reference machine, and enough for remote grain calls.</summary>
    public int Servers { get; init; } = 2;

    /// <summary>PostgreSQL servers the grains' state and the baseline's tables are spread over, by the same hash of the user (<c>cluster up --db-shards</c>). One by default.</summary>
    public int DbShards { get; init; } = 1;

    public int Users { get; init; } = 200;

    /// <summary>Requests in flight at once (closed loop: each worker sends its next request when the last one answered).</summary>
    public int Concurrency { get; init; } = 32;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Unmeasured mixed load once per design before its first workload (fresh processes re-jit their hot code).</summary>
    public TimeSpan DesignWarmup { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The design warm-up goes on past <see cref="DesignWarmup"/>, in rounds of <see cref="JitRound"/>, until every
    /// server's JIT compiled on under 2 % of a core in the last round, but stops at this length (120 s).
    /// </summary>
    public TimeSpan DesignWarmupMax { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The length of one round of the design warm-up's JIT watch (5 s).</summary>
    public TimeSpan JitRound { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Open loop: fixed offered rates, each a percentage of the slowest design's closed-loop throughput of the workload in
    /// the same run (the floor left out). Empty: no open loop. Run in a second pass over the designs, after every closed
    /// loop, since the rates depend on all of them.
    /// </summary>
    public IReadOnlyList<int> OpenLoopPercents { get; init; } = [];

    /// <summary>The workloads the open loop runs (those also selected). Default: cart reads.</summary>
    public IReadOnlyList<string> OpenLoopWorkloads { get; init; } = [BenchWorkloads.CartRead];

    /// <summary>Open loop: at most this many requests in flight; a request due while all are busy leaves late and is measured from its due time.</summary>
    public int OpenLoopMaxInFlight { get; init; } = 1024;

    /// <summary>How long the read-your-writes probe runs per design (half <see cref="Concurrency"/> users, one writer and one reader each); zero: not measured.</summary>
    public TimeSpan StalenessDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Revoke-alls per design; after each, every server is asked until it refuses the token.</summary>
    public int RevocationSamples { get; init; } = 10;

    /// <summary>How long a server may keep accepting a revoked token before the sample says "not revoked".</summary>
    public TimeSpan RevocationWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>PBKDF2 iterations of the servers: bench measures sessions and carts, not password hashing.</summary>
    public int PasswordIterations { get; init; } = 10_000;

    public int Seed { get; init; } = 1;

    /// <summary>
    /// Runtime settings of every server process, silo and baseline alike. Several .NET servers share few cores here, so
    /// each uses workstation GC and does not spin its thread pool: with the defaults (one server GC heap per core, spinning
    /// idle workers) three processes on two cores used 3-5× the CPU per request of one process, whichever design ran.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    public bool Quick { get; init; }

    /// <summary>The HTTP designs' balancers speak plain HTTP instead of HTTPS (both sides alike): what TLS at the edge costs. Default false.</summary>
    public bool PlainHttp { get; init; }

    /// <summary>
    /// The HTTP designs' requests go straight to the servers (plain HTTP on their loopback ports), each user to one
    /// server by a hash of its id, instead of through the balancer: what the balancer costs. Default false.
    /// </summary>
    public bool Direct { get; init; }

    /// <summary>A smoke run: 2 servers, 20 users, 2 s per workload after 1 s of warm-up, 2 revocations and 1 s of the staleness probe per design (no open loop unless asked for: its second pass starts every design again).</summary>
    public static BenchSettings QuickRun() => new()
    {
        Quick = true,
        Servers = 2,
        Users = 20,
        Concurrency = 8,
        Duration = TimeSpan.FromSeconds(2),
        Warmup = TimeSpan.FromSeconds(1),
        DesignWarmup = TimeSpan.FromSeconds(1),
        DesignWarmupMax = TimeSpan.FromSeconds(1),
        RevocationSamples = 2,
        RevocationWindow = TimeSpan.FromSeconds(1),
        StalenessDuration = TimeSpan.FromSeconds(1),
    };
}
