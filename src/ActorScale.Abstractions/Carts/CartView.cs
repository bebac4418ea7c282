using System.Collections.Immutable;

namespace ActorScale.Abstractions.Carts;

/// <summary>A cart as its owner sees it.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Lines">Lines in the order they were first added.</param>
/// <param name="Version">Number of changes applied to this cart since it was created.</param>
[GenerateSerializer, Immutable, Alias("actorscale.cart-view")]
public sealed record CartView(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableArray<CartLine> Lines,
    [property: Id(2)] int Version)
{
    /// <summary>The sum of all lines, in cents.</summary>
    public long TotalCents => Lines.Sum(l => l.LineTotalCents);
}
