using System.Collections.Immutable;
using System.Text.Json;
using ActorScale.Baseline.Sessions;
using ActorScale.Baseline.Storage;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Telemetry;
using ActorScale.Domain.Users;
using ActorScale.Domain.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ActorScale.Baseline.Carts;

/// <summary>
/// <see cref="ICarts"/> and <see cref="IOrders"/> of a baseline server: the session design checks the token, then carts
/// and orders are read from or changed in PostgreSQL with the grains' rules (<see cref="CartRules"/>). A read is one primary-key probe;
/// a change is one transaction: the cart row locked together with the operation id's earlier outcome (one statement),
/// the rule applied in memory, then the new row, the operation id, the order if any and the pruning of old ids in one
/// batch, then commit. Concurrent changes of one cart queue on the row lock, as calls queue on a grain. With a cart cache
/// (<c>redis-cache</c>) a read asks it first and fills it from PostgreSQL on a miss, and a change stores its cart there
/// after the commit, before it answers, so the caller's next read sees it. With a replica (<c>read-replica</c>) reads go
/// to the replica (<see cref="CartReads"/>) and may miss a commit it has not replayed yet.
/// </summary>
public sealed class CartService(BaselineShards shards, CartReads reads, ISessionDesign sessions, CartRules rules, IOptions<CartOptions> options, TimeProvider time, ICartCache cache) : ICarts, IOrders
{
    private const string CartKind = "cart";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CartView> GetAsync(BearerToken token, string? userId = null)
    {
        var owner = await OwnerAsync(token);
        if (userId is not null && UserIds.Normalize(userId) != owner)
        {
            throw SessionErrors.OtherUser();
        }

        return await ReadAsync(owner);
    }

    public Task<CartUpdate> AddAsync(BearerToken token, Guid operationId, string sku, int quantity) =>
        ChangeAsync(token, "add", CartIntents.Add(operationId, sku, quantity), c => rules.Add(c, sku, quantity));

    public Task<CartUpdate> SetAsync(BearerToken token, Guid operationId, string sku, int quantity) =>
        ChangeAsync(token, "set", CartIntents.Set(operationId, sku, quantity), c => rules.Set(c, sku, quantity));

    public Task<CartUpdate> RemoveAsync(BearerToken token, Guid operationId, string sku) =>
        ChangeAsync(token, "remove", CartIntents.Remove(operationId, sku), c => CartRules.Remove(c, sku));

    public Task<CartUpdate> ClearAsync(BearerToken token, Guid operationId) => ChangeAsync(token, "clear", CartIntents.Clear(operationId), CartRules.Clear);

    private async Task<CartView> ReadAsync(string userId)
    {
        if (await cache.GetAsync(userId) is { } cached)
        {
            return rules.View(userId, cached);
        }

        await using var command = Sql.Command(reads.Replica ?? shards.For(userId), "SELECT version, lines FROM baseline.carts WHERE user_id = $1", userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return rules.View(userId, new CartState());
        }

        var cart = new CartState { Version = reader.GetInt32(0), Lines = Lines(reader.GetString(1)) };
        await cache.StoreAsync(userId, cart);
        return rules.View(userId, cart);
    }

    /// <summary>Applies <paramref name="change"/> once per operation id; a retry returns the original version and today's cart.</summary>
    private async Task<CartUpdate> ChangeAsync(BearerToken token, string operation, OperationIntent intent, Action<CartState> change)
    {
        var operationId = intent.Id;
        InputRules.RequireOperationId(operationId);
        var userId = await OwnerAsync(token);
        await using var connection = await shards.For(userId).OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var locked = await LockAsync(connection, userId, intent);
        if (locked.AppliedVersion is { } applied)
        {
            await transaction.CommitAsync();
            ActorScaleMetrics.CartOperations.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("outcome", "replayed"));
            ActorScaleMetrics.OperationReplays.Add(1, ActorScaleMetrics.Tag("operation", operation));
            return new CartUpdate(operationId, true, applied, rules.View(userId, locked.Cart));
        }

        change(locked.Cart);
        var version = locked.Cart.Version + 1;
        await WriteAsync(connection, userId, intent, version, locked.Cart.Lines, locked.OrderCount, null);
        await transaction.CommitAsync();
        locked.Cart.Version = version;
        await cache.StoreAsync(userId, locked.Cart);
        ActorScaleMetrics.CartOperations.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("outcome", "applied"));
        return new CartUpdate(operationId, false, version, rules.View(userId, locked.Cart));
    }

    /// <summary>Places an order at today's prices and empties the cart in one transaction; a retry returns the same order.</summary>
    public async Task<Order> CheckoutAsync(BearerToken token, Guid operationId)
    {
        InputRules.RequireOperationId(operationId);
        var userId = await OwnerAsync(token);
        var intent = CartIntents.Checkout(operationId);
        await using var connection = await shards.For(userId).OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var locked = await LockAsync(connection, userId, intent);
        if (locked.AppliedResult is { } orderId)
        {
            await using var find = Sql.Command(connection, "SELECT order_id, placed_at, operation_id, lines FROM baseline.orders WHERE user_id = $1 AND order_id = $2", userId, orderId);
            var placed = await ReadOrdersAsync(find);
            await transaction.CommitAsync();
            return placed.Single();
        }

        CartRules.RequireLines(locked.Cart);

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var order = new Order(OrderPaging.IdOf(locked.OrderCount + 1), now, rules.View(userId, locked.Cart).Lines, operationId);
        await WriteAsync(
            connection,
            userId,
            intent,
            locked.Cart.Version + 1,
            [],
            locked.OrderCount + 1,
            order.OrderId,
            Sql.BatchCommand(
                "INSERT INTO baseline.orders (user_id, order_id, placed_at, operation_id, lines) VALUES ($1, $2, $3, $4, $5)",
                userId,
                order.OrderId,
                order.PlacedAt,
                operationId,
                Sql.Json(JsonSerializer.Serialize(order.Lines, Json))));
        await transaction.CommitAsync();
        await cache.StoreAsync(userId, new CartState { Version = locked.Cart.Version + 1 });
        return order;
    }

    public async Task<IReadOnlyList<Order>> ListAsync(BearerToken token, int after, int limit)
    {
        var userId = await OwnerAsync(token);

        // Order ids are ord-{n:D6}: in text order up to the millionth order of a user.
        await using var command = Sql.Command(
            shards.For(userId),
            "SELECT order_id, placed_at, operation_id, lines FROM baseline.orders WHERE user_id = $1 AND order_id > $2 ORDER BY order_id LIMIT $3",
            userId,
            after == 0 ? "" : OrderPaging.IdOf(after),
            limit);
        return await ReadOrdersAsync(command);
    }

    /// <summary>The user of a live session, as the design's store (or the token itself) says.</summary>
    private async Task<string> OwnerAsync(BearerToken token) => (await sessions.AuthenticateAsync(token.Value)).UserId;

    /// <summary>Locks the cart row and finds the operation id's earlier outcome; an id used for another intent is refused.</summary>
    private static async Task<LockedCart> LockAsync(NpgsqlConnection connection, string userId, OperationIntent intent)
    {
        await using var command = Sql.Command(
            connection,
            """
            SELECT c.version, c.lines, c.order_count, o.version, o.result, o.kind, o.fingerprint
            FROM baseline.carts c
            LEFT JOIN baseline.operations o ON o.user_id = c.user_id AND o.operation_id = $2
            WHERE c.user_id = $1
            FOR UPDATE OF c
            """,
            userId,
            intent.Id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            // A token that authenticated names a registered user, and registering creates the cart.
            throw SessionErrors.Unknown();
        }

        if (!reader.IsDBNull(5) && (reader.GetString(5) != CartKind || (!reader.IsDBNull(6) && reader.GetString(6) != intent.Fingerprint)))
        {
            throw OperationWindow.Reused();
        }

        return new LockedCart(
            new CartState { Version = reader.GetInt32(0), Lines = Lines(reader.GetString(1)) },
            reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private async Task WriteAsync(
        NpgsqlConnection connection, string userId, OperationIntent intent, int version, List<CartLineState> lines, int orderCount, string? result, NpgsqlBatchCommand? order = null)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Sql.BatchCommand(
            "UPDATE baseline.carts SET version = $2, lines = $3, order_count = $4 WHERE user_id = $1",
            userId,
            version,
            Sql.Json(JsonSerializer.Serialize(lines, Json)),
            orderCount));
        batch.BatchCommands.Add(Sql.BatchCommand(
            "INSERT INTO baseline.operations (user_id, operation_id, kind, version, result, fingerprint) VALUES ($1, $2, $3, $4, $5, $6)",
            userId,
            intent.Id,
            CartKind,
            version,
            result,
            intent.Fingerprint));
        if (order is not null)
        {
            batch.BatchCommands.Add(order);
        }

        var window = options.Value.OperationWindow;
        if (version > window)
        {
            batch.BatchCommands.Add(Sql.BatchCommand(
                "DELETE FROM baseline.operations WHERE user_id = $1 AND kind = $2 AND version <= $3",
                userId,
                CartKind,
                version - window));
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static async Task<List<Order>> ReadOrdersAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var orders = new List<Order>();
        while (await reader.ReadAsync())
        {
            orders.Add(new Order(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                JsonSerializer.Deserialize<ImmutableArray<CartLine>>(reader.GetString(3), Json),
                reader.GetGuid(2)));
        }

        return orders;
    }

    private static List<CartLineState> Lines(string json) => JsonSerializer.Deserialize<List<CartLineState>>(json, Json) ?? [];

    private sealed record LockedCart(CartState Cart, int OrderCount, int? AppliedVersion, string? AppliedResult);
}
