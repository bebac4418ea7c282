using System.Collections.Immutable;
using System.Net;
using ActorScale.Silo.Fencing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;

namespace ActorScale.Tests.Silo.Fencing;

/// <summary>The lease of one silo among fixed peers, on a fake clock: what keeps it, what ends it, what brings it back.</summary>
public sealed class SiloLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(600);
    private readonly FakeTimeProvider _clock = new();
    private readonly SiloAddress _self = Silo(1);
    private readonly SiloAddress _peerA = Silo(2);
    private readonly SiloAddress _peerB = Silo(3);

    [Fact]
    public void NewPeers_GetOneLeaseOfGrace_ThenSilenceFromBothEndsIt()
    {
        var lease = Create(_self, _peerA, _peerB);

        Assert.True(lease.IsHeld);
        _clock.Advance(Lease - TimeSpan.FromMilliseconds(1));
        Assert.True(lease.IsHeld);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(lease.IsHeld);
        Assert.Contains("cannot confirm that its peers reach it", lease.Refusal());
        Assert.Equal([_peerA, _peerB], lease.SilentPeers().Order());
    }

    [Fact]
    public void ConfirmedRoundTrips_KeepItHeld_FromTheStampOfTheConfirmedAnswer()
    {
        var lease = Create(_self, _peerA, _peerB);
        var answeredAt = lease.Stamp();
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        lease.Confirm(_peerA, answeredAt);
        lease.Confirm(_peerB, lease.Stamp());
        _clock.Advance(TimeSpan.FromMilliseconds(250));

        // A's confirmation counts from when this silo answered (650 ms ago), not from when the echo arrived: one silent peer of two is not enough to lose it.
        Assert.True(lease.IsHeld);
        Assert.Equal([_peerA], lease.SilentPeers());
        _clock.Advance(TimeSpan.FromMilliseconds(350));
        Assert.False(lease.IsHeld);
    }

    [Fact]
    public void LapsedLease_ComesBackWhenAPeerReachesTheSiloAgain()
    {
        var lease = Create(_self, _peerA, _peerB);
        _clock.Advance(TimeSpan.FromSeconds(5));
        lease.Recompute();
        Assert.False(lease.IsHeld);

        lease.Confirm(_peerA, lease.Stamp());

        Assert.True(lease.IsHeld);
    }

    [Fact]
    public void Alone_NobodyCanDeclareItDead_HeldForever()
    {
        var lease = Create(_self);
        _clock.Advance(TimeSpan.FromHours(1));
        lease.Recompute();

        Assert.True(lease.IsHeld);
    }

    [Fact]
    public void DeadPeers_DoNotCount()
    {
        var lease = Create(_self, _peerA, _peerB);
        lease.Confirm(_peerA, lease.Stamp());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var membership = (FixedMembership)_membership!;
        membership.Members = [new(_self, SiloStatus.Active, "self"), new(_peerA, SiloStatus.Dead, "a"), new(_peerB, SiloStatus.Active, "b")];
        lease.Recompute();

        // Two silos left: the one silent peer's vote would be enough, so the lease is lost.
        Assert.False(lease.IsHeld);
        lease.Confirm(_peerB, lease.Stamp());
        Assert.True(lease.IsHeld);
    }

    private IClusterMembershipService? _membership;

    private SiloLease Create(params SiloAddress[] active)
    {
        _membership = new FixedMembership { Members = [.. active.Select((s, i) => new ClusterMember(s, SiloStatus.Active, $"silo-{i}"))] };
        var membership = Options.Create(new ClusterMembershipOptions());
        var lease = new SiloLease(_clock, _membership, new LocalSilo(_self), membership, Options.Create(new FencingOptions { Lease = Lease }));

        // The renewer's first tick: the peers are seen now, each with one lease of grace.
        lease.Recompute();
        return lease;
    }

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + n), 1);

    private sealed class FixedMembership : IClusterMembershipService
    {
        public IReadOnlyList<ClusterMember> Members { get; set; } = [];

        public ClusterMembershipSnapshot CurrentSnapshot =>
            new(Members.ToImmutableDictionary(m => m.SiloAddress), MembershipVersion.MinValue);

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "self";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
