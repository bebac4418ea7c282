using System.Text;
using ActorScale.Lab.Seed;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>Seeded users are real users: the silos read their rows through the storage provider like any other.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class SeedTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task SeededUsers_ReadThroughTheGrains_SessionCartAndPasswordWork()
    {
        var key = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        var prefix = $"seed{Guid.NewGuid():N}"[..12];

        var (users, _) = await UserSeeder.SeedAsync(cluster.Launcher, 20, prefix, key, 1000, _ => { }, CancellationToken.None);

        Assert.Equal(20, users);
        foreach (var i in new[] { 0, 7, 19 })
        {
            var user = SeedTokens.UserId(prefix, i);
            var token = SeedTokens.Token(key, cluster.Home.TokenSigner(), user);
            Assert.True((await cluster.Client.Session(user).ValidateAsync(token)).IsValid, $"{user}'s seeded session");
            var cart = await cluster.Client.Cart(user).GetAsync(token);
            Assert.Equal(("mug-actor", 1), (cart.Lines.Single().Sku, cart.Lines.Single().Quantity));
            Assert.Equal(1, cart.Version);
            var login = await cluster.Client.Session(user).LoginAsync(UserSeeder.Password);
            Assert.Equal(user, login.UserId);
            Assert.Equal(2, (await cluster.Client.Session(user).WhoAmIAsync(login.Token)).ActiveSessions);
        }
    }
}
