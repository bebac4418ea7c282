using Npgsql;

namespace ActorScale.Baseline.Carts;

/// <summary>
/// Where a cart read (<c>GET /api/cart</c>) is served from: the primary, or for <c>read-replica</c> a streaming replica,
/// which may not have replayed the newest commits yet. Changes always lock and read the primary.
/// </summary>
/// <param name="Source">The pool reads use.</param>
/// <param name="Replica">True when <paramref name="Source"/> is a replica.</param>
public sealed record CartReads(NpgsqlDataSource Source, bool Replica);
