namespace ActorScale.Lab.Chaos;

/// <summary>
/// Per silo fault (kill, graceful, freeze): seconds from the fault to the first successful call on a grain that lived
/// on that silo; the eviction time of frozen silos; the longest load operation (all retries) that a fault hit; and, over
/// the freezes whose silo was declared dead, the most that a freeze's longest operation lasted beyond its verdict (the
/// goal: at most 1 s).
/// </summary>
public sealed record RecoveryStats(int Faults, double P50, double P99, double Max, double? MaxFreezeEvictionSeconds, double LongestAffectedOperationSeconds, double? MaxFreezeOperationBeyondVerdictSeconds = null);
