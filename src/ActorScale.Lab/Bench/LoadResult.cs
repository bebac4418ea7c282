namespace ActorScale.Lab.Bench;

/// <summary>What one measured window served: requests answered successfully, failures, the window's length and the latencies.</summary>
public sealed record LoadResult(long Requests, long Errors, double Seconds, Latency Latency, IReadOnlyList<string> ErrorSamples)
{
    public double Throughput => Seconds > 0 ? Requests / Seconds : 0;
}
