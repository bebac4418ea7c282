namespace ActorScale.Lab.Bench;

/// <summary>A design's warm-up before its first measured workload.</summary>
/// <param name="Seconds">How long the mix ran.</param>
/// <param name="JitShare">
/// The share of a core the busiest server spent compiling in the warm-up's last round (under 0.02: settled); null where
/// the servers' JIT was not read (a fixed warm-up: metrics off, or <c>--quick</c>).
/// </param>
public sealed record DesignWarmup(double Seconds, double? JitShare);
