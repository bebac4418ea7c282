using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="Order"/> as <see cref="OrderSurrogate"/>.</summary>
[RegisterConverter]
public sealed class OrderConverter : IConverter<Order, OrderSurrogate>
{
    /// <inheritdoc/>
    public Order ConvertFromSurrogate(in OrderSurrogate surrogate) => new(surrogate.OrderId, surrogate.PlacedAt, surrogate.Lines, surrogate.OperationId);

    /// <inheritdoc/>
    public OrderSurrogate ConvertToSurrogate(in Order value) => new(value.OrderId, value.PlacedAt, value.Lines, value.OperationId);
}
