namespace ActorScale.Lab.Chaos;

/// <summary>
/// Per silo fault (kill, graceful, freeze): seconds from the fault to the first successful call on a grain that lived
/// on that silo; the eviction time of frozen silos; and the longest load operation (all retries) that a fault hit.
/// </summary>
public sealed record RecoveryStats(int Faults, double P50, double P99, double Max, double? MaxFreezeEvictionSeconds, double LongestAffectedOperationSeconds);
