namespace ActorScale.Lab.Chaos;

/// <summary>What one partition showed (<c>chaos --mode partition</c>). Times are seconds since the cut.</summary>
/// <param name="Victim">The server cut off from its peers.</param>
/// <param name="At">When the cut began, in seconds since the run started.</param>
/// <param name="HealedAfter">When the rules were removed.</param>
/// <param name="RefusedAfter">When the cut-off server first answered 503 (readiness or API), or null if it never did.</param>
/// <param name="DeclaredDeadAfter">When its peers declared it dead in the membership (silos only), or null.</param>
/// <param name="StoppedAfter">When its process exited by itself, or null.</param>
/// <param name="Revocations">Logouts acknowledged through a healthy server while the cut-off one was asked about their tokens.</param>
/// <param name="Writes">Cart writes acknowledged through a healthy server while the cut-off one was asked for the cart.</param>
/// <param name="Questions">Requests sent to the cut-off server about those users after an acknowledgement.</param>
/// <param name="FailedAttempts">Attempts through healthy servers that failed while the users moved (each retried with its key).</param>
/// <param name="Unresolved">Probe operations that never succeeded within the run.</param>
/// <param name="Findings">Every answer the cut-off server should not have given.</param>
public sealed record PartitionStats(
    string Victim,
    double At,
    double HealedAfter,
    double? RefusedAfter,
    double? DeclaredDeadAfter,
    double? StoppedAfter,
    int Revocations,
    int Writes,
    int Questions,
    int FailedAttempts,
    int Unresolved,
    IReadOnlyList<PartitionFinding> Findings);
