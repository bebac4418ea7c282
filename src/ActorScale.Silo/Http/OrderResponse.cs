using ActorScale.Abstractions.Carts;

namespace ActorScale.Silo.Http;

/// <summary>A placed order, at the prices of the moment of checkout.</summary>
public sealed record OrderResponse(string OrderId, DateTimeOffset PlacedAt, IReadOnlyList<CartLineResponse> Lines, Guid OperationId, long TotalCents)
{
    public static OrderResponse From(Order order) => new(order.OrderId, order.PlacedAt, [.. order.Lines.Select(CartLineResponse.From)], order.OperationId, order.TotalCents);
}
