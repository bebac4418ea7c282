using ActorScale.Abstractions.Carts;

namespace ActorScale.Silo.Http;

/// <summary>One line of a cart or an order; money in integer cents.</summary>
public sealed record CartLineResponse(string Sku, string Name, int Quantity, long UnitPriceCents, long LineTotalCents)
{
    public static CartLineResponse From(CartLine line) => new(line.Sku, line.Name, line.Quantity, line.UnitPriceCents, line.LineTotalCents);
}
