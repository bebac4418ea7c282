using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ActorScale.Silo.Fencing;

/// <summary>
/// This silo's lease on its own liveness (see <see cref="LeaseArithmetic"/>). Each active peer's last confirmed round
/// trip keeps it alive for one lease; the lease is held until as many peers as a death declaration needs have gone
/// silent. Checking it is one comparison of timestamps (<see cref="IsHeld"/>), cheap enough for every request.
/// </summary>
public sealed class SiloLease
{
    private readonly TimeProvider _time;
    private readonly IClusterMembershipService _membership;
    private readonly ILocalSiloDetails _local;
    private readonly ClusterMembershipOptions _membershipOptions;
    private readonly bool _enabled;
    private readonly long _leaseTicks;
    private readonly ConcurrentDictionary<SiloAddress, long> _confirmed = new();
    private readonly ConcurrentDictionary<SiloAddress, long> _firstSeen = new();
    private readonly Lock _lock = new();
    private long _heldUntil = long.MaxValue;
    private long _serviceStarted;
    private readonly long _marginTicks;

    public SiloLease(TimeProvider time, IClusterMembershipService membership, ILocalSiloDetails local, IOptions<ClusterMembershipOptions> membershipOptions, IOptions<FencingOptions> fencing)
    {
        _time = time;
        _membership = membership;
        _local = local;
        _membershipOptions = membershipOptions.Value;
        _enabled = fencing.Value.Enabled;
        Lease = LeaseArithmetic.Lease(_membershipOptions, fencing.Value);
        _leaseTicks = (long)(Lease.TotalSeconds * time.TimestampFrequency);
        _marginTicks = (long)(fencing.Value.SafetyMargin.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>How long one confirmed round trip keeps a peer counted as reaching this silo.</summary>
    public TimeSpan Lease { get; }

    /// <summary>This silo's monotonic clock, in the stamps peers echo back.</summary>
    public long Stamp() => _time.GetTimestamp();

    /// <summary>True while this silo may serve its activations.</summary>
    public bool IsHeld => !_enabled || _time.GetTimestamp() < Volatile.Read(ref _heldUntil);

    /// <summary>Null while this silo may serve, else the one line a refused caller gets.</summary>
    public string? Refusal() => IsHeld
        ? null
        : $"silo {_local.Name} cannot confirm that its peers reach it, so another silo may already serve its users: it refuses until they reach it again (retry: the cluster moves the user)";

    /// <summary>Records that <paramref name="peer"/> received the answer this silo stamped <paramref name="stamp"/>.</summary>
    public void Confirm(SiloAddress peer, long stamp)
    {
        _confirmed.AddOrUpdate(peer, stamp, (_, old) => Math.Max(old, stamp));
        Recompute();
    }

    /// <summary>
    /// Called when this silo's lease service starts answering (a moment after the silo became Active): peers could not
    /// renew the lease before that, so their grace starts then, but never more than the safety margin after the silo
    /// first saw them (which keeps even a silo cut off in its first second inside the inequality).
    /// </summary>
    public void ServiceStarted()
    {
        Interlocked.CompareExchange(ref _serviceStarted, _time.GetTimestamp(), 0);
        Recompute();
    }

    /// <summary>The active peers that have not confirmed within the lease, for a diagnostic line.</summary>
    public IReadOnlyList<SiloAddress> SilentPeers()
    {
        var now = _time.GetTimestamp();
        return [.. ActivePeers().Where(p => ExpiryOf(p, now) <= now)];
    }

    /// <summary>
    /// Moves the end of the lease: it ends when the <c>VotesNeeded</c>-th peer's confirmation runs out. Called on every
    /// confirmation and by the renewer after membership changes, so <see cref="IsHeld"/> never reads stale peers for long.
    /// </summary>
    public void Recompute()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var expiries = ActivePeers().Select(p => ExpiryOf(p, now)).Order().ToList();
            var votes = LeaseArithmetic.VotesNeeded(_membershipOptions, expiries.Count + 1);
            Volatile.Write(ref _heldUntil, expiries.Count < votes ? long.MaxValue : expiries[votes - 1]);
        }
    }

    private IEnumerable<SiloAddress> ActivePeers() =>
        _membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(_local.SiloAddress))
            .Select(m => m.SiloAddress);

    // A peer seen for the first time gets one lease of grace, from when this silo could first be renewed.
    private long ExpiryOf(SiloAddress peer, long now)
    {
        if (_confirmed.TryGetValue(peer, out var stamp))
        {
            return stamp + _leaseTicks;
        }

        var seen = _firstSeen.GetOrAdd(peer, now);
        var started = Interlocked.Read(ref _serviceStarted);
        return Math.Clamp(started, seen, seen + _marginTicks) + _leaseTicks;
    }
}
