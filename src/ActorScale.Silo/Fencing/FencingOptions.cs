namespace ActorScale.Silo.Fencing;

/// <summary>
/// Self-fencing; bound from <c>ActorScale:Fencing</c>. The lease is derived from the failure-detection settings
/// (<c>Orleans:Membership</c>) in <see cref="LeaseArithmetic"/>, the one place where the two meet; a silo whose
/// settings break the inequality refuses to start.
/// </summary>
public sealed class FencingOptions
{
    public const string Section = "ActorScale:Fencing";

    /// <summary>Refuse to serve without a lease. Default true; false only for a silo that runs alone (development).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long before the earliest possible death declaration the lease must have lapsed: covers the time between the
    /// lease check and the decision it guards, timer lateness and clock-rate differences. Default 500 ms.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often every silo asks each peer to renew its lease. Default 200 ms.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The lease; empty (default): the longest the failure detection allows (<see cref="LeaseArithmetic.LongestSafeLease"/>).</summary>
    public TimeSpan? Lease { get; set; }
}
