using Orleans.Configuration;

namespace ActorScale.Silo.Fencing;

/// <summary>
/// Why a silo that holds a lease can never serve a user whom another silo already serves, as arithmetic on the
/// settings. The argument, in the order of events when silo S is cut off from its peers at time t0:
/// <list type="number">
/// <item>S holds its lease until <c>e + Lease</c>, where <c>e</c> is the time S sent a lease answer that a peer
/// confirmed it received (a full round trip over the same silo-to-silo connections as Orleans' probes), so
/// <c>e ≤ t0</c>.</item>
/// <item>A peer votes S dead only after <c>NumMissedProbesLimit</c> probes in a row fail. Probes start at least
/// <c>MinProbeTimeout</c> apart (Orleans' probe period is its probe timeout, clamped to
/// [<c>MinProbeTimeout</c>, <c>MaxProbeTimeout</c>]), and the first one to fail cannot fail before t0, so no vote,
/// hence no death declaration and no new activation elsewhere, comes before
/// <c>t0 + (NumMissedProbesLimit − 1) × MinProbeTimeout</c>. (While a connection to S stays open, Orleans also holds
/// the vote until S has been silent for <c>MaxProbeTimeout × NumMissedProbesLimit</c>: later still.)</item>
/// <item>So S stops serving in time when <c>Lease + SafetyMargin ≤ (NumMissedProbesLimit − 1) × MinProbeTimeout</c>.</item>
/// </list>
/// A lapsed lease is not a death sentence: a peer that can reach S again renews it. The votes rule (see
/// <see cref="VotesNeeded"/>) lets S keep serving while fewer peers than a death declaration needs are silent.
/// </summary>
public static class LeaseArithmetic
{
    /// <summary>The earliest a death declaration can follow the moment a silo was last reachable.</summary>
    public static TimeSpan EarliestDeathDeclaration(ClusterMembershipOptions membership) =>
        membership.MinProbeTimeout * Math.Max(0, membership.NumMissedProbesLimit - 1);

    /// <summary>The longest lease that still lapses <see cref="FencingOptions.SafetyMargin"/> before the earliest death declaration.</summary>
    public static TimeSpan LongestSafeLease(ClusterMembershipOptions membership, FencingOptions fencing) =>
        EarliestDeathDeclaration(membership) - fencing.SafetyMargin;

    /// <summary>The lease in force: the configured one, else the longest safe one.</summary>
    public static TimeSpan Lease(ClusterMembershipOptions membership, FencingOptions fencing) =>
        fencing.Lease ?? LongestSafeLease(membership, fencing);

    /// <summary>Null when the settings are safe, else one line naming the settings that break the inequality.</summary>
    public static string? FindProblem(ClusterMembershipOptions membership, FencingOptions fencing)
    {
        if (!fencing.Enabled)
        {
            return null;
        }

        var lease = Lease(membership, fencing);
        var earliest = EarliestDeathDeclaration(membership);
        if (fencing.SafetyMargin < TimeSpan.Zero || fencing.RenewEvery <= TimeSpan.Zero)
        {
            return $"{FencingOptions.Section}:SafetyMargin must not be negative and RenewEvery must be positive";
        }

        if (lease <= TimeSpan.Zero || lease + fencing.SafetyMargin > earliest)
        {
            return $"unsafe fencing: lease {lease.TotalMilliseconds:0} ms + margin {fencing.SafetyMargin.TotalMilliseconds:0} ms must not exceed "
                + $"(Orleans:Membership:NumMissedProbesLimit {membership.NumMissedProbesLimit} - 1) x MinProbeTimeout {membership.MinProbeTimeout.TotalMilliseconds:0} ms = {earliest.TotalMilliseconds:0} ms, "
                + "the earliest a cut-off silo can be declared dead";
        }

        if (fencing.RenewEvery * 3 > lease)
        {
            return $"{FencingOptions.Section}:RenewEvery {fencing.RenewEvery.TotalMilliseconds:0} ms leaves fewer than 3 renewals in the lease of {lease.TotalMilliseconds:0} ms: a healthy silo would fence itself";
        }

        return null;
    }

    /// <summary>How many silos must vote before Orleans declares one dead, for <paramref name="activeSilos"/> active silos (Orleans' own rule).</summary>
    public static int VotesNeeded(ClusterMembershipOptions membership, int activeSilos) =>
        Math.Max(1, Math.Min(membership.NumVotesForDeathDeclaration, (activeSilos + 1) / 2));

    /// <summary>
    /// True while the silo may serve: fewer of its active peers than a death declaration needs have gone a whole lease
    /// without confirming that they reach it. <paramref name="silentPeers"/> counts those peers.
    /// </summary>
    public static bool IsHeld(ClusterMembershipOptions membership, int activePeers, int silentPeers) =>
        silentPeers < VotesNeeded(membership, activePeers + 1);
}
