using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;
using Npgsql;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// Reads the final state for the ledger check: every cart and order history through the grains and straight from
/// PostgreSQL (the stored JSON, decoded here without the grain code), and every token's status through every gateway.
/// </summary>
public sealed class ChaosObserver(LocalCluster cluster, IClusterClient client)
{
    private const int Parallelism = 8;

    public async Task<(Dictionary<string, ObservedUser> Users, Dictionary<string, ImmutableList<string>> Forged)> ObserveAsync(
        ClusterState state, IReadOnlyList<VirtualUser> users, string runId, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredCartsAsync(state, runId, cancellationToken);
        var gateways = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var pinned = new List<ClusterConnection>();
        try
        {
            foreach (var silo in gateways)
            {
                pinned.Add(await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(cluster.Home), [new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)], silo.Name), cancellationToken));
            }

            var observed = new Dictionary<string, ObservedUser>();
            var forged = new Dictionary<string, ImmutableList<string>>();
            using var gate = new SemaphoreSlim(Parallelism);
            await Task.WhenAll(users.Select(async user =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var (seen, forgedStatuses) = await ObserveUserAsync(user, stored, pinned, cancellationToken);
                    lock (observed)
                    {
                        observed[user.User] = seen;
                        forged[user.User] = forgedStatuses;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
            return (observed, forged);
        }
        finally
        {
            foreach (var connection in pinned)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<(ObservedUser, ImmutableList<string>)> ObserveUserAsync(
        VirtualUser user, IReadOnlyDictionary<string, StoredCart> stored, List<ClusterConnection> gateways, CancellationToken cancellationToken)
    {
        var key = UserKey.For(user.User);
        var token = user.Token ?? (await Retry.RunAsync(async _ => await client.GetGrain<IUserSessionGrain>(key).LoginAsync("chaos-password-1"), cancellationToken)).Token;
        var cart = client.GetGrain<ICartGrain>(key);
        var view = await Retry.RunAsync(async _ => await cart.GetAsync(token), cancellationToken);
        var orders = new List<Order>();
        for (var page = await NextOrdersAsync(cart, token, null, cancellationToken); ; page = await NextOrdersAsync(cart, token, orders[^1].OrderId, cancellationToken))
        {
            orders.AddRange(page);
            if (page.Length < OrderPaging.MaxLimit)
            {
                break;
            }
        }

        var statuses = ImmutableDictionary.CreateBuilder<string, ImmutableList<string>>();
        foreach (var issued in user.Issued.Distinct())
        {
            statuses[issued] = await StatusEverywhereAsync(gateways, key, issued, cancellationToken);
        }

        var forgedToken = new SessionToken(user.User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')).ToString();
        var forged = await StatusEverywhereAsync(gateways, key, forgedToken, cancellationToken);

        var saved = stored.GetValueOrDefault(key) ?? new StoredCart(ImmutableDictionary<string, int>.Empty, 0, []);
        return (new ObservedUser(
            user.User,
            view.Lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity),
            view.Version,
            [.. orders.Select(o => (o.OrderId, o.Lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity)))],
            saved.Lines,
            saved.Version,
            saved.OrderIds,
            statuses.ToImmutable()), forged);
    }

    private static ValueTask<ImmutableArray<Order>> NextOrdersAsync(ICartGrain cart, string token, string? after, CancellationToken cancellationToken) =>
        Retry.RunAsync(async _ => await cart.ListOrdersAsync(token, after, OrderPaging.MaxLimit), cancellationToken);

    private static async Task<ImmutableList<string>> StatusEverywhereAsync(List<ClusterConnection> gateways, string key, string token, CancellationToken cancellationToken)
    {
        var statuses = new List<string>();
        foreach (var gateway in gateways)
        {
            var check = await Retry.RunAsync(async _ => await gateway.Client.GetGrain<IUserSessionGrain>(key).ValidateAsync(token), cancellationToken);
            statuses.Add(check.Status.ToString());
        }

        return [.. statuses];
    }

    /// <summary>
    /// This run's cart and order page rows (grain key, state name, JSON), from every shard server; of a row found on two
    /// (a resharding stopped between its copy and its delete), the one the silos read: the map's read order decides.
    /// </summary>
    private async Task<List<(string Key, string State, string Json)>> ReadStoredRowsAsync(ClusterState state, string runId, CancellationToken cancellationToken)
    {
        var map = cluster.ShardMap();
        var found = new Dictionary<(string Key, string State), Dictionary<int, string>>();
        var shards = cluster.ShardReaderConnectionStrings(state);
        for (var shard = 0; shard < shards.Count; shard++)
        {
            // A connection of its own, not from the pool: the run may have restarted PostgreSQL under pooled ones.
            await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(shards[shard]) { Pooling = false }.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand(
                "SELECT grain_ext, state_name, convert_from(payload, 'UTF8') FROM orleans.grain_state WHERE service_id = @service AND (state_name = @cart OR state_name LIKE @pages) AND grain_ext LIKE @prefix AND payload IS NOT NULL",
                db);
            query.Parameters.AddWithValue("service", state.ServiceId);
            query.Parameters.AddWithValue("cart", StateNames.Cart);
            query.Parameters.AddWithValue("pages", StateNames.OrderPage(0)[..^1] + "%");
            query.Parameters.AddWithValue("prefix", UserKey.For($"chaos-{runId}-") + "%");
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = (reader.GetString(0), reader.GetString(1));
                (found.TryGetValue(row, out var copies) ? copies : found[row] = [])[shard] = reader.GetString(2);
            }
        }

        // A row on no shard of its read order is one no silo would read: left out, so the check reports it lost.
        var rows = new List<(string Key, string State, string Json)>();
        foreach (var ((key, stateName), copies) in found)
        {
            var (first, then) = map?.ReadOrder(key) ?? (0, null);
            if (copies.TryGetValue(first, out var json) || (then is { } next && copies.TryGetValue(next, out json)))
            {
                rows.Add((key, stateName, json));
            }
        }

        return rows;
    }

    /// <summary>
    /// The stored cart rows of this run, decoded from their JSON payload, with the ids of the orders their order pages
    /// hold up to the cart's acknowledged order count.
    /// </summary>
    private async Task<Dictionary<string, StoredCart>> ReadStoredCartsAsync(ClusterState state, string runId, CancellationToken cancellationToken)
    {
        var carts = new Dictionary<string, StoredCart>();
        var counts = new Dictionary<string, int>();
        var pages = new Dictionary<string, SortedDictionary<int, List<string>>>();

        foreach (var (key, stateName, payload) in await ReadStoredRowsAsync(state, runId, cancellationToken))
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (stateName != StateNames.Cart)
            {
                var page = int.Parse(stateName[(StateNames.OrderPage(0).Length - 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var ids = root.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToList();
                (pages.TryGetValue(key, out var mine) ? mine : pages[key] = [])[page] = ids;
                continue;
            }

            counts[key] = root.TryGetProperty("orderCount", out var count) ? count.GetInt32() : 0;
            carts[key] = new StoredCart(
                root.GetProperty("lines").EnumerateArray().ToImmutableDictionary(l => l.GetProperty("sku").GetString()!, l => l.GetProperty("quantity").GetInt32()),
                root.GetProperty("version").GetInt32(),
                []);
        }

        foreach (var (key, cart) in carts.ToList())
        {
            var ids = pages.TryGetValue(key, out var mine) ? mine.Values.SelectMany(p => p) : [];
            carts[key] = cart with { OrderIds = [.. ids.Take(counts[key])] };
        }

        return carts;
    }

    private sealed record StoredCart(ImmutableDictionary<string, int> Lines, int Version, ImmutableList<string> OrderIds);
}
