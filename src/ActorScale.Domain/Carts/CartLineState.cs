namespace ActorScale.Domain.Carts;

/// <summary>A persisted cart line: prices come from the catalog when the cart is read or checked out.</summary>
public sealed class CartLineState
{
    public string Sku { get; set; } = "";

    public int Quantity { get; set; }
}
