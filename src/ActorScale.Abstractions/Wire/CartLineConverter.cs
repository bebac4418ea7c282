using ActorScale.Domain.Carts;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="CartLine"/> as <see cref="CartLineSurrogate"/>.</summary>
[RegisterConverter]
public sealed class CartLineConverter : IConverter<CartLine, CartLineSurrogate>
{
    /// <inheritdoc/>
    public CartLine ConvertFromSurrogate(in CartLineSurrogate surrogate) => new(surrogate.Sku, surrogate.Name, surrogate.Quantity, surrogate.UnitPriceCents);

    /// <inheritdoc/>
    public CartLineSurrogate ConvertToSurrogate(in CartLine value) => new(value.Sku, value.Name, value.Quantity, value.UnitPriceCents);
}
