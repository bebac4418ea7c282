using Npgsql;

namespace ActorScale.Baseline.Carts;

/// <summary>
/// Where a cart read (<c>GET /api/cart</c>) is served from: the user's shard, or for <c>read-replica</c> a streaming
/// replica, which may not have replayed the newest commits yet. Changes always lock and read the user's shard.
/// </summary>
/// <param name="Replica">The replica's pool; null when reads go to the user's shard.</param>
public sealed record CartReads(NpgsqlDataSource? Replica);
