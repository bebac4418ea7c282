namespace ActorScale.Abstractions.Catalog;

/// <summary>A product that carts may hold.</summary>
/// <param name="Sku">1–64 characters of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="PriceCents">Unit price in integer cents.</param>
[GenerateSerializer, Immutable, Alias("actorscale.product")]
public sealed record Product(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] long PriceCents);
