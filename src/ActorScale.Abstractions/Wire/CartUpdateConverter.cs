using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="CartUpdate"/> as <see cref="CartUpdateSurrogate"/>.</summary>
[RegisterConverter]
public sealed class CartUpdateConverter : IConverter<CartUpdate, CartUpdateSurrogate>
{
    /// <inheritdoc/>
    public CartUpdate ConvertFromSurrogate(in CartUpdateSurrogate surrogate) => new(surrogate.OperationId, surrogate.Replayed, surrogate.AppliedAtVersion, surrogate.Cart);

    /// <inheritdoc/>
    public CartUpdateSurrogate ConvertToSurrogate(in CartUpdate value) => new(value.OperationId, value.Replayed, value.AppliedAtVersion, value.Cart);
}
