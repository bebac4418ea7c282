namespace ActorScale.Grains.Carts;

/// <summary>A persisted order: lines with the prices of the moment of checkout.</summary>
[GenerateSerializer, Alias("actorscale.state.order")]
public sealed class OrderState
{
    [Id(0)]
    public string OrderId { get; set; } = "";

    [Id(1)]
    public DateTimeOffset PlacedAt { get; set; }

    [Id(2)]
    public List<OrderLineState> Lines { get; set; } = [];

    [Id(3)]
    public Guid OperationId { get; set; }
}
