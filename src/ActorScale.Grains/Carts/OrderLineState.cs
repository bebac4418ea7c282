namespace ActorScale.Grains.Carts;

/// <summary>A persisted order line.</summary>
[GenerateSerializer, Alias("actorscale.state.order-line")]
public sealed class OrderLineState
{
    [Id(0)]
    public string Sku { get; set; } = "";

    [Id(1)]
    public string Name { get; set; } = "";

    [Id(2)]
    public int Quantity { get; set; }

    [Id(3)]
    public long UnitPriceCents { get; set; }
}
