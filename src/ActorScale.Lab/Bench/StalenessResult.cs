namespace ActorScale.Lab.Bench;

/// <summary>
/// Read-your-writes under concurrent writers: of <paramref name="Reads"/> cart reads, <paramref name="Violations"/>
/// returned a cart older than a write acknowledged before the read was sent. The lag of a violation is how long before
/// the read the newer version had been acknowledged: how long a stale value lasted at least.
/// </summary>
public sealed record StalenessResult(int Users, double Seconds, long Writes, long Reads, long Violations, double? MedianLagMs, double? MaxLagMs, long Errors)
{
    public double ViolationShare => Reads > 0 ? (double)Violations / Reads : 0;

    public string Summary => Reads == 0
        ? "not measured"
        : Violations == 0
            ? $"0 of {Reads} reads ({Writes} writes, {Users} users, {Seconds:0.#} s)"
            : $"{Violations} of {Reads} reads ({ViolationShare:0.###%}), stale for median {MedianLagMs:0.#} ms, max {MaxLagMs:0.#} ms ({Writes} writes, {Users} users, {Seconds:0.#} s)";
}
