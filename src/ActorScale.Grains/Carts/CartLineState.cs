namespace ActorScale.Grains.Carts;

/// <summary>A persisted cart line: prices come from the catalog when the cart is read or checked out.</summary>
[GenerateSerializer, Alias("actorscale.state.cart-line")]
public sealed class CartLineState
{
    [Id(0)]
    public string Sku { get; set; } = "";

    [Id(1)]
    public int Quantity { get; set; }
}
