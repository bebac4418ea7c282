namespace ActorScale.Domain.Carts;

/// <summary>One line of a cart or an order; money in integer cents.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Name">The product's name from the catalog.</param>
/// <param name="Quantity">1–999.</param>
/// <param name="UnitPriceCents">The catalog price.</param>
public sealed record CartLine(
    string Sku,
    string Name,
    int Quantity,
    long UnitPriceCents)
{
    /// <summary>Quantity × unit price.</summary>
    public long LineTotalCents => Quantity * UnitPriceCents;
}
