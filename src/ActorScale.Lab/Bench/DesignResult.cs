namespace ActorScale.Lab.Bench;

/// <summary>One design: what ran, its token's size, its revocation lag, a result per workload (closed loop), read-your-writes and the open-loop latencies.</summary>
public sealed record DesignResult(
    string Design,
    string Description,
    int Servers,
    int TokenBytes,
    RevocationResult Revocation,
    IReadOnlyList<WorkloadResult> Workloads)
{
    /// <summary>Read-your-writes under concurrent writers; null where not measured (the floor, or <c>--staleness 0</c>).</summary>
    public StalenessResult? Staleness { get; init; }

    /// <summary>Latency at fixed offered rates (<c>--open-loop</c>), per workload and rate.</summary>
    public IReadOnlyList<OpenLoopResult> OpenLoop { get; init; } = [];

    /// <summary>How long the design was warmed before its first workload, and how busy its JIT still was.</summary>
    public DesignWarmup? Warmup { get; init; }

    public WorkloadResult? Find(string workload) => Workloads.FirstOrDefault(w => w.Workload == workload);

    public OpenLoopResult? FindOpenLoop(string workload, int percent) => OpenLoop.FirstOrDefault(o => o.Workload == workload && o.Percent == percent);
}
