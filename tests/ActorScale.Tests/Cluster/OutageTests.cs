using ActorScale.Domain.Errors;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>PostgreSQL down: writes fail with a typed error and are not acknowledged; reads of active grains go on.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class OutageTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task PostgresStopped_WriteFailsTyped_ReadsOfActiveGrainsWork_AndTheRetryAfterRecoveryAppliesOnce()
    {
        var (user, token) = await cluster.Client.SignUpAsync("pgdown");
        var cart = cluster.Client.Cart(user);
        await cart.AddAsync(token, Guid.NewGuid(), "mug-actor", 1);
        var operation = Guid.NewGuid();

        await cluster.Launcher.StopPostgresAsync();
        try
        {
            var error = await Assert.ThrowsAsync<ActorScaleException>(() => cart.AddAsync(token, operation, "mug-actor", 5));
            var read = await cart.GetAsync(token);

            Assert.Equal(ActorScaleErrorCode.StorageUnavailable, error.Code);
            Assert.True(error.IsTransient);
            Assert.Equal(1, Assert.Single(read.Lines).Quantity);
        }
        finally
        {
            await cluster.Launcher.StartPostgresAsync();
        }

        var applied = await Eventually.ReturnsAsync("the write to succeed after PostgreSQL is back", () => cart.AddAsync(token, operation, "mug-actor", 5), _ => true, TimeSpan.FromSeconds(30));
        var replay = await cart.AddAsync(token, operation, "mug-actor", 5);

        Assert.False(applied.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(6, Assert.Single((await cart.GetAsync(token)).Lines).Quantity);
    }
}
