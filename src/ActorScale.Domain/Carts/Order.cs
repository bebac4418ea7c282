using System.Collections.Immutable;

namespace ActorScale.Domain.Carts;

/// <summary>A placed order; kept in the user's order history.</summary>
/// <param name="OrderId">Unique per user, increasing: <c>ord-000001</c>.</param>
/// <param name="PlacedAt">When checkout was acknowledged.</param>
/// <param name="Lines">The lines at the prices of the moment of checkout.</param>
/// <param name="OperationId">The checkout's operation id.</param>
public sealed record Order(
    string OrderId,
    DateTimeOffset PlacedAt,
    ImmutableArray<CartLine> Lines,
    Guid OperationId)
{
    /// <summary>The order total in cents.</summary>
    public long TotalCents => Lines.Sum(l => l.LineTotalCents);
}
