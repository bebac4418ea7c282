using HdrHistogram;

namespace ActorScale.Lab.Bench;

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record Latency(double P50, double P95, double P99, double Max)
{
    /// <summary>The 99.9th percentile (0 where not measured).</summary>
    public double P999 { get; init; }

    public static Latency From(HistogramBase histogram) => histogram.TotalCount == 0
        ? new Latency(0, 0, 0, 0)
        : new Latency(Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(95)), Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetMaxValue()))
        {
            P999 = Ms(histogram.GetValueAtPercentile(99.9)),
        };

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
