using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="CartView"/> as <see cref="CartViewSurrogate"/>.</summary>
[RegisterConverter]
public sealed class CartViewConverter : IConverter<CartView, CartViewSurrogate>
{
    /// <inheritdoc/>
    public CartView ConvertFromSurrogate(in CartViewSurrogate surrogate) => new(surrogate.UserId, surrogate.Lines, surrogate.Version);

    /// <inheritdoc/>
    public CartViewSurrogate ConvertToSurrogate(in CartView value) => new(value.UserId, value.Lines, value.Version);
}
