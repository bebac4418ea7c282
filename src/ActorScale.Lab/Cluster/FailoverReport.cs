namespace ActorScale.Lab.Cluster;

/// <summary>The measurements of <c>cluster measure</c>.</summary>
public sealed record FailoverReport(
    IReadOnlyList<KillRound> Kills,
    double MedianRecoverySeconds,
    double MaxRecoverySeconds,
    IReadOnlyDictionary<string, double> IdleRssMiB,
    IReadOnlyDictionary<string, double> LoadRssMiB,
    double LoadOpsPerSecond);
