namespace ActorScale.Abstractions.Carts;

/// <summary>One line of a cart or an order; money in integer cents.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Name">The product's name from the catalog.</param>
/// <param name="Quantity">1–999.</param>
/// <param name="UnitPriceCents">The catalog price.</param>
[GenerateSerializer, Immutable, Alias("actorscale.cart-line")]
public sealed record CartLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long UnitPriceCents)
{
    /// <summary>Quantity × unit price.</summary>
    public long LineTotalCents => Quantity * UnitPriceCents;
}
