namespace ActorScale.Lab.Bench;

/// <summary>
/// One design under one workload at a fixed offered rate: <paramref name="Percent"/> % of the slowest design's
/// closed-loop throughput in the same run (<paramref name="OfferedPerSecond"/>). Latency is measured from each request's
/// intended send time (corrected for coordinated omission); <paramref name="SendLag"/> is the generator's own part of it.
/// </summary>
public sealed record OpenLoopResult(
    string Workload,
    int Percent,
    double OfferedPerSecond,
    long Requests,
    long Errors,
    double Throughput,
    Latency Latency,
    Latency SendLag,
    IReadOnlyList<string> ErrorSamples)
{
    /// <summary>p99 divided by <c>redis-cache</c>'s at the same rate and workload in the same run.</summary>
    public double? P99VsRedisCache { get; init; }
}
