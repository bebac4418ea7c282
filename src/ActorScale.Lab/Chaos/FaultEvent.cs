namespace ActorScale.Lab.Chaos;

/// <summary>A fault injected during a run. Times are seconds since the run started.</summary>
/// <param name="At">When it was injected.</param>
/// <param name="Kind">kill, graceful, freeze, redis-pause, redis-empty, postgres-stop.</param>
/// <param name="Target">The silo, or redis / postgres.</param>
/// <param name="Until">When it ended (restart done, thawed, server back), if it has an end.</param>
/// <param name="RecoverySeconds">From the fault to the last first-success of an operation that failed because of it.</param>
/// <param name="Note">What was observed (eviction time, membership rebuilt...).</param>
/// <param name="LongestOperationSeconds">For a silo fault: the longest load operation (all retries) whose first failure fell between this fault and the next.</param>
/// <param name="VerdictSeconds">For a freeze whose silo was declared dead while frozen: seconds from the freeze to that verdict.</param>
public sealed record FaultEvent(double At, string Kind, string Target, double? Until = null, double? RecoverySeconds = null, string? Note = null, double? LongestOperationSeconds = null, double? VerdictSeconds = null);
