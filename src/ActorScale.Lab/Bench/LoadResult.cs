namespace ActorScale.Lab.Bench;

/// <summary>
/// What one measured window served: requests answered successfully, failures, the window's length and the latencies.
/// Open loop: <paramref name="SendLag"/> is how late the generator itself sent each request after its intended time
/// (part of every latency; null in the closed loop, where no request has an intended time).
/// </summary>
public sealed record LoadResult(long Requests, long Errors, double Seconds, Latency Latency, IReadOnlyList<string> ErrorSamples, Latency? SendLag = null)
{
    public double Throughput => Seconds > 0 ? Requests / Seconds : 0;
}
