using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="CartLine"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.cart-line")]
public readonly record struct CartLineSurrogate(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long UnitPriceCents);
