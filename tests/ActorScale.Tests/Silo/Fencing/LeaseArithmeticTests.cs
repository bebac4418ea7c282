using ActorScale.Silo.Fencing;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace ActorScale.Tests.Silo.Fencing;

/// <summary>The inequality that makes self-fencing safe, on the shipped settings and on settings that break it.</summary>
public sealed class LeaseArithmeticTests
{
    [Fact]
    public void ShippedSettings_AreSafe_LeaseLapsesAMarginBeforeTheEarliestDeathDeclaration()
    {
        var membership = ShippedMembership();
        var fencing = new FencingOptions();

        Assert.Null(LeaseArithmetic.FindProblem(membership, fencing));
        Assert.Equal(TimeSpan.FromSeconds(1.5), LeaseArithmetic.EarliestDeathDeclaration(membership));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), LeaseArithmetic.Lease(membership, fencing));
        Assert.True(LeaseArithmetic.Lease(membership, fencing) + fencing.SafetyMargin <= LeaseArithmetic.EarliestDeathDeclaration(membership));
    }

    [Fact]
    public void OrleansDefaults_AllowALongerLease()
    {
        var membership = new ClusterMembershipOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), LeaseArithmetic.EarliestDeathDeclaration(membership)); // (3 - 1) x 2.5 s
        Assert.Equal(TimeSpan.FromMilliseconds(4500), LeaseArithmetic.Lease(membership, new FencingOptions()));
    }

    [Fact]
    public void LeaseLongerThanTheDetection_IsRefused()
    {
        var problem = LeaseArithmetic.FindProblem(ShippedMembership(), new FencingOptions { Lease = TimeSpan.FromMilliseconds(1100) });

        Assert.StartsWith("unsafe fencing: lease 1100 ms + margin 500 ms must not exceed", problem);
    }

    [Fact]
    public void OneMissedProbeDeclaresDead_NoLeaseIsSafe()
    {
        var membership = ShippedMembership();
        membership.NumMissedProbesLimit = 1;

        Assert.Contains("unsafe fencing", LeaseArithmetic.FindProblem(membership, new FencingOptions()));
    }

    [Fact]
    public void FasterDetection_ShrinksTheDerivedLeaseUntilItIsRefused()
    {
        var membership = ShippedMembership();
        membership.MinProbeTimeout = TimeSpan.FromMilliseconds(800);

        // 800 ms - 500 ms margin leaves 300 ms: fewer than 3 renewals of 200 ms.
        Assert.Contains("RenewEvery 200 ms leaves fewer than 3 renewals", LeaseArithmetic.FindProblem(membership, new FencingOptions()));
    }

    [Fact]
    public void Disabled_IsNeverAProblem() =>
        Assert.Null(LeaseArithmetic.FindProblem(ShippedMembership(), new FencingOptions { Enabled = false, Lease = TimeSpan.FromMinutes(1) }));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(8, 2)]
    public void VotesNeeded_FollowsOrleansRule(int activeSilos, int votes) =>
        Assert.Equal(votes, LeaseArithmetic.VotesNeeded(new ClusterMembershipOptions(), activeSilos));

    [Theory]
    [InlineData(0, 0, true)]   // alone: nobody can vote it dead
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]  // two silos: the one peer's vote is enough
    [InlineData(2, 1, true)]   // three silos: one silent peer (say, frozen) cannot declare it dead alone
    [InlineData(2, 2, false)]  // cut off from both peers
    [InlineData(4, 1, true)]
    [InlineData(4, 2, false)]
    public void IsHeld_WhileFewerPeersThanADeathNeedsAreSilent(int peers, int silent, bool held) =>
        Assert.Equal(held, LeaseArithmetic.IsHeld(new ClusterMembershipOptions(), peers, silent));

    private static ClusterMembershipOptions ShippedMembership()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "silo-config", "appsettings.json")).Build();
        var membership = new ClusterMembershipOptions();
        configuration.GetSection("Orleans:Membership").Bind(membership);
        return membership;
    }
}
