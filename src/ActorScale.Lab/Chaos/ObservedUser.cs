using System.Collections.Immutable;
using ActorScale.Domain.Carts;

namespace ActorScale.Lab.Chaos;

/// <summary>What the check found for one user after the faults stopped.</summary>
/// <param name="User">The user.</param>
/// <param name="GrainCart">The cart lines read through the grain (SKU → quantity).</param>
/// <param name="GrainVersion">The cart's change count read through the grain.</param>
/// <param name="GrainOrders">Order id → lines, read through the grain.</param>
/// <param name="StoredCart">The cart lines decoded straight from PostgreSQL.</param>
/// <param name="StoredVersion">The change count decoded from PostgreSQL.</param>
/// <param name="StoredOrderIds">Order ids decoded from PostgreSQL.</param>
/// <param name="TokenStatuses">Token → the statuses seen on every gateway.</param>
public sealed record ObservedUser(
    string User,
    ImmutableDictionary<string, int> GrainCart,
    int GrainVersion,
    ImmutableList<(string OrderId, ImmutableDictionary<string, int> Lines)> GrainOrders,
    ImmutableDictionary<string, int> StoredCart,
    int StoredVersion,
    ImmutableList<string> StoredOrderIds,
    ImmutableDictionary<string, ImmutableList<string>> TokenStatuses);
