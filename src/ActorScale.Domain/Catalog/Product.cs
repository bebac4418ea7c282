namespace ActorScale.Domain.Catalog;

/// <summary>A product that carts may hold.</summary>
/// <param name="Sku">1–64 characters of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="PriceCents">Unit price in integer cents.</param>
public sealed record Product(
    string Sku,
    string Name,
    long PriceCents);
