namespace ActorScale.Domain.Carts;

/// <summary>A persisted order line.</summary>
public sealed class OrderLineState
{
    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public long UnitPriceCents { get; set; }
}
