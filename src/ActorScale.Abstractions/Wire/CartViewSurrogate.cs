using System.Collections.Immutable;
using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="CartView"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.cart-view")]
public readonly record struct CartViewSurrogate(
    [property: Id(0)] string UserId,
    [property: Id(1)] ImmutableArray<CartLine> Lines,
    [property: Id(2)] int Version);
