using System.Text;
using ActorScale.Abstractions;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>Orders in pages of their own, on the real cluster's PostgreSQL: carts stored before pages still read.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class OrderHistoryTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task CartStoredWithOrdersInside_ReadByThisBuild_ListsThem_AndMovesThemToPages()
    {
        var user = TestUsers.NewId("oldshape");
        var grainKey = UserKey.For(user);
        await cluster.Client.Session(user).RegisterAsync(TestUsers.Password, Guid.NewGuid());
        var token = (await cluster.Client.Session(user).LoginAsync(TestUsers.Password)).Token;
        await cluster.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "mug-actor", 1);
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The cart row as builds before order pages wrote it: two orders inside the cart record, no order count.
        const string OldShape = """
            {"version":1,"lines":[{"sku":"mug-actor","quantity":1}],
             "orders":[{"orderId":"ord-000001","placedAt":"2026-11-01T10:00:00+00:00","lines":[{"sku":"lamp-desk","name":"Desk lamp","quantity":2,"unitPriceCents":3450}],"operationId":"6f1c1c52-34a3-4d55-9a3e-0d5b0a4c0001"},
                       {"orderId":"ord-000002","placedAt":"2026-11-02T10:00:00+00:00","lines":[{"sku":"mug-actor","name":"Actor mug","quantity":1,"unitPriceCents":1299}],"operationId":"6f1c1c52-34a3-4d55-9a3e-0d5b0a4c0002"}],
             "operations":[]}
            """;
        await using (var db = await OpenAppAsync())
        {
            await using var update = new NpgsqlCommand("UPDATE orleans.grain_state SET payload = @payload WHERE grain_ext = @key AND state_name = @state", db);
            update.Parameters.AddWithValue("payload", Encoding.UTF8.GetBytes(OldShape));
            update.Parameters.AddWithValue("key", grainKey);
            update.Parameters.AddWithValue("state", StateNames.Cart);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var listed = await cluster.Client.Cart(user).ListOrdersAsync(token);
        var placed = await cluster.Client.Cart(user).CheckoutAsync(token, Guid.NewGuid());

        Assert.Equal(["ord-000001", "ord-000002"], listed.Select(o => o.OrderId));
        Assert.Equal(2 * 3450, listed[0].TotalCents);
        Assert.Equal("ord-000003", placed.OrderId);
        Assert.Equal(["ord-000001", "ord-000002", "ord-000003"], (await cluster.Client.Cart(user).ListOrdersAsync(token)).Select(o => o.OrderId));
        await using var check = await OpenAppAsync();
        await using var rows = new NpgsqlCommand("SELECT state_name, convert_from(payload, 'UTF8') FROM orleans.grain_state WHERE grain_ext = @key AND state_name <> @session ORDER BY state_name", check);
        rows.Parameters.AddWithValue("key", grainKey);
        rows.Parameters.AddWithValue("session", StateNames.Session);
        var stored = new Dictionary<string, string>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal([StateNames.Cart, StateNames.OrderPage(0)], stored.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("\"orders\"", stored[StateNames.Cart], StringComparison.Ordinal);
        Assert.Contains("\"orderCount\":3", stored[StateNames.Cart], StringComparison.Ordinal);
        Assert.Contains("ord-000003", stored[StateNames.OrderPage(0)], StringComparison.Ordinal);
    }

    private async Task<NpgsqlConnection> OpenAppAsync()
    {
        var db = new NpgsqlConnection(cluster.Launcher.AppConnectionString(cluster.Refresh()) + ";Pooling=false");
        await db.OpenAsync();
        return db;
    }
}
