using ActorScale.Abstractions.Catalog;

namespace ActorScale.Silo.Http;

/// <summary>A product of the catalog; price in integer cents.</summary>
public sealed record ProductResponse(string Sku, string Name, long PriceCents)
{
    public static ProductResponse From(Product product) => new(product.Sku, product.Name, product.PriceCents);
}
