using System.Net;
using ActorScale.Grains.Users;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Http;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// A user's grain lives where the user's HTTP requests arrive: when they start arriving at another silo (after a
/// scale-out or a restart the balancer sends the user elsewhere), the grain moves there with its state in memory.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class FollowTheUserTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task RequestsArriveAtAnotherSilo_GrainMovesThere_StateIntactAndCountedOnce()
    {
        var state = cluster.Refresh();
        var (first, second) = (state.Silos[0], state.Silos[1]);
        var atFirst = new ApiClient(new Uri(LocalCluster.HttpAddress(first.HttpPort)));
        var atSecond = new ApiClient(new Uri(LocalCluster.HttpAddress(second.HttpPort)));
        var user = TestUsers.NewId("follow");
        Assert.Equal(HttpStatusCode.Created, (await atFirst.PostAsync("/api/users", new { userId = user, password = TestUsers.Password })).StatusCode);
        var token = (await ApiClient.JsonAsync(await atFirst.PostAsync("/api/sessions", new { userId = user, password = TestUsers.Password })))["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await atFirst.PostAsync("/api/cart/items", new { sku = "mug-actor", quantity = 2 }, token, Guid.NewGuid().ToString())).StatusCode);
        Assert.Equal(first.Name, (await cluster.Client.Session(user).LocateAsync()).SiloName);
        var migrationsBefore = await MigrationsAsync(first);

        // One request elsewhere (a balancer retrying a slow answer) does not move the grain.
        var cart = await ApiClient.JsonAsync(await atSecond.GetAsync("/api/cart", token));
        await atFirst.GetAsync("/api/cart", token);
        Assert.Equal(first.Name, (await cluster.Client.Session(user).LocateAsync()).SiloName);

        // The user's requests now keep arriving at the second silo: they pay the hop until the grain has moved there.
        for (var i = 0; i < UserGrain.FollowAfter; i++)
        {
            cart = await ApiClient.JsonAsync(await atSecond.GetAsync("/api/cart", token));
        }

        var location = await Eventually.ReturnsAsync(
            $"the grain of {user} on {second.Name}",
            () => cluster.Client.Session(user).LocateAsync(),
            l => l.SiloName == second.Name,
            TimeSpan.FromSeconds(15));

        Assert.Equal(2, cart["lines"]![0]!["quantity"]!.GetValue<int>());
        Assert.Equal(second.Name, location.SiloName);
        var after = await ApiClient.JsonAsync(await atSecond.GetAsync("/api/cart", token));
        Assert.Equal(cart["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(2, after["lines"]![0]!["quantity"]!.GetValue<int>());
        Assert.Equal(migrationsBefore + 1, await MigrationsAsync(first));
    }

    private static async Task<long> MigrationsAsync(SiloRecord silo) =>
        (await ApiClient.JsonAsync(await new ApiClient(new Uri(LocalCluster.HttpAddress(silo.HttpPort))).GetAsync("/silo/routing")))["migrations"]!.GetValue<long>();
}
