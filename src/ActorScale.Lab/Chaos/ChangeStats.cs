namespace ActorScale.Lab.Chaos;

/// <summary>
/// A planned change of the cluster under load (<c>chaos --mode scale-out|drain|roll</c>). Times are seconds since the
/// run started; latencies are of the operations acknowledged during the change, against those before any change.
/// </summary>
/// <param name="Kind"><c>scale-out</c>, <c>drain</c> or <c>roll</c>.</param>
/// <param name="Target">The silo added or drained, or <c>all</c>.</param>
/// <param name="At">When it began.</param>
/// <param name="Seconds">How long it took (the drain and the restart; the roll of every silo; the add until Active).</param>
/// <param name="FailedAttempts">Attempts that failed while it ran (each retried with its operation id).</param>
/// <param name="Operations">Operations acknowledged while it ran.</param>
/// <param name="P99Ms">Their p99 latency, retries included.</param>
/// <param name="SteadyP99Ms">The p99 of the operations acknowledged before the first change.</param>
/// <param name="ForwardedShare">scale-out: the share of HTTP requests served by a grain on another silo than their front door, from <see cref="SettledAfter"/> to the end of the run.</param>
/// <param name="SettledAfter">scale-out: seconds after the new silo was Active when the forwarded share was first sampled.</param>
/// <param name="FailedAttemptCauses">The failed attempts while it ran by operation and cause (<c>Add: HttpRequestException</c>).</param>
public sealed record ChangeStats(
    string Kind,
    string Target,
    double At,
    double Seconds,
    long FailedAttempts,
    int Operations,
    double P99Ms,
    double SteadyP99Ms,
    double? ForwardedShare = null,
    double? SettledAfter = null,
    IReadOnlyDictionary<string, long>? FailedAttemptCauses = null);
