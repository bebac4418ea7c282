namespace ActorScale.Lab.Chaos;

/// <summary>A fault injected during a run. Times are seconds since the run started.</summary>
/// <param name="At">When it was injected.</param>
/// <param name="Kind">kill, graceful, freeze, redis-pause, redis-empty, postgres-stop.</param>
/// <param name="Target">The silo, or redis / postgres.</param>
/// <param name="Until">When it ended (restart done, thawed, server back), if it has an end.</param>
/// <param name="RecoverySeconds">From the fault to the last first-success of an operation that failed because of it.</param>
/// <param name="Note">What was observed (eviction time, membership rebuilt...).</param>
/// <param name="LongestOperationSeconds">For a silo fault: the longest load operation (all retries) whose first failure fell between this fault and the next.</param>
public sealed record FaultEvent(double At, string Kind, string Target, double? Until = null, double? RecoverySeconds = null, string? Note = null, double? LongestOperationSeconds = null)
{
    /// <summary>For a freeze whose silo was declared dead while frozen: seconds from the freeze to that verdict.</summary>
    public double? VerdictSeconds => Kind == "freeze" && Note?.StartsWith(VerdictNote, StringComparison.Ordinal) == true
        ? double.Parse(Note[VerdictNote.Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
        : null;

    /// <summary>How a freeze's note starts when the peers declared the silo dead while it was frozen.</summary>
    public const string VerdictNote = "declared dead after ";
}
