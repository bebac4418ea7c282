using System.Net;
using System.Text;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Seed;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Silo.Http;

/// <summary>The silos' HTTP front door refuses tokens the cluster never issued before any grain call (real processes).</summary>
[Collection(RealClusterCollection.Name)]
public sealed class FrontDoorTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task ForgedToken_ExistingUser_401WithoutActivatingTheUsersGrain()
    {
        // Seeded users are in storage but not in memory: nothing has called their grains yet.
        var key = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        var prefix = $"forge{Guid.NewGuid():N}"[..12];
        await UserSeeder.SeedAsync(cluster.Launcher, 2, prefix, key, 1000, _ => { }, CancellationToken.None);
        var (victim, control) = (SeedTokens.UserId(prefix, 0), SeedTokens.UserId(prefix, 1));
        var signer = cluster.Home.TokenSigner();
        var silo = new ApiClient(new Uri(LocalCluster.HttpAddress(cluster.RunningSilos()[0].HttpPort)));
        var forged = new SessionToken(victim, TokenSecrets.NewToken(victim).Secret, TokenSigner.KeyIdOf(File.ReadAllText(cluster.Home.TokenKeyFile).Trim()), new string('A', SessionToken.MacLength));
        var unsigned = new SessionToken(victim, SeedTokens.Secret(key, victim));

        foreach (var token in new[] { forged.ToString(), unsigned.ToString() })
        {
            await ProblemAssert.IsAsync(await silo.GetAsync("/api/me", token), HttpStatusCode.Unauthorized, "InvalidToken");
            await ProblemAssert.IsAsync(await silo.GetAsync("/api/cart", token), HttpStatusCode.Unauthorized, "InvalidToken");
        }

        Assert.False(await IsActiveAsync(victim), $"{victim}'s grain was activated by a forged token");
        Assert.Equal(HttpStatusCode.OK, (await silo.GetAsync("/api/me", SeedTokens.Token(key, signer, control))).StatusCode);
        Assert.True(await IsActiveAsync(control), $"{control}'s grain is not active after a request with its issued token");
    }

    private async Task<bool> IsActiveAsync(string user)
    {
        var id = cluster.Client.GetGrain<IUserSessionGrain>(UserKey.For(user)).GetGrainId();
        return (await cluster.Client.GetGrain<IManagementGrain>(0).GetActiveGrains(id.Type)).Contains(id);
    }
}
