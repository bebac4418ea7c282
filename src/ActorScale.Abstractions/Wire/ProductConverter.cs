using ActorScale.Domain.Catalog;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="Product"/> as <see cref="ProductSurrogate"/>.</summary>
[RegisterConverter]
public sealed class ProductConverter : IConverter<Product, ProductSurrogate>
{
    /// <inheritdoc/>
    public Product ConvertFromSurrogate(in ProductSurrogate surrogate) => new(surrogate.Sku, surrogate.Name, surrogate.PriceCents);

    /// <inheritdoc/>
    public ProductSurrogate ConvertToSurrogate(in Product value) => new(value.Sku, value.Name, value.PriceCents);
}
