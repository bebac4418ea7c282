using ActorScale.Domain.Catalog;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="Product"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.product")]
public readonly record struct ProductSurrogate(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] long PriceCents);
