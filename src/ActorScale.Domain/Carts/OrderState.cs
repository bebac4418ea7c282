namespace ActorScale.Domain.Carts;

/// <summary>A persisted order: lines with the prices of the moment of checkout.</summary>
public sealed class OrderState
{
    public string OrderId { get; set; } = "";

    public DateTimeOffset PlacedAt { get; set; }

    public List<OrderLineState> Lines { get; set; } = [];

    public Guid OperationId { get; set; }
}
