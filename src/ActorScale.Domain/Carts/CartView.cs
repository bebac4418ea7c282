using System.Collections.Immutable;

namespace ActorScale.Domain.Carts;

/// <summary>A cart as its owner sees it.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Lines">Lines in the order they were first added.</param>
/// <param name="Version">Number of changes applied to this cart since it was created.</param>
public sealed record CartView(
    string UserId,
    ImmutableArray<CartLine> Lines,
    int Version)
{
    /// <summary>The sum of all lines, in cents.</summary>
    public long TotalCents => Lines.Sum(l => l.LineTotalCents);
}
