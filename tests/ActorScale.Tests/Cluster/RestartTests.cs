using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>The whole cluster stopped and started again: state lives in PostgreSQL, not in the silos.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class RestartTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task DownThenUp_EveryCartSessionAndOrderSurvives_AndARevokedTokenStaysRevoked()
    {
        var (user, kept) = await cluster.Client.SignUpAsync("restart");
        var revoked = (await cluster.Client.Session(user).LoginAsync(TestUsers.Password)).Token;
        var cart = cluster.Client.Cart(user);
        await cart.AddAsync(kept, Guid.NewGuid(), "book-orleans", 1);
        var order = await cart.CheckoutAsync(kept, Guid.NewGuid());
        await cart.AddAsync(kept, Guid.NewGuid(), "keyboard-65", 2);
        await cluster.Client.Session(user).LogoutAsync(revoked, Guid.NewGuid());

        await cluster.Launcher.DownAsync(purge: false);
        await cluster.Launcher.UpAsync(RealClusterFixture.Silos, CancellationToken.None);
        await cluster.ReconnectAsync();

        var session = cluster.Client.Session(user);
        Assert.Equal(TokenStatus.Valid, (await session.ValidateAsync(kept)).Status);
        Assert.Equal(TokenStatus.Revoked, (await session.ValidateAsync(revoked)).Status);
        var view = await cluster.Client.Cart(user).GetAsync(kept);
        Assert.Equal(("keyboard-65", 2), (Assert.Single(view.Lines).Sku, view.Lines[0].Quantity));
        Assert.Equal(order.OrderId, Assert.Single(await cluster.Client.Cart(user).ListOrdersAsync(kept)).OrderId);
    }

    [Fact]
    public async Task SecondUp_WhileRunning_SaysSoAndChangesNothing()
    {
        var before = cluster.Refresh();

        var error = await Assert.ThrowsAsync<ActorScale.Lab.UsageException>(() => cluster.Launcher.UpAsync(1, CancellationToken.None));

        Assert.Contains("already running", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, cluster.Refresh(), new StateComparer());
    }

    private sealed class StateComparer : IEqualityComparer<ActorScale.Lab.Cluster.ClusterState>
    {
        public bool Equals(ActorScale.Lab.Cluster.ClusterState? x, ActorScale.Lab.Cluster.ClusterState? y) =>
            x!.RedisPid == y!.RedisPid && x.PostgresPid == y.PostgresPid && x.Silos.SequenceEqual(y.Silos);

        public int GetHashCode(ActorScale.Lab.Cluster.ClusterState obj) => obj.RedisPid;
    }
}
