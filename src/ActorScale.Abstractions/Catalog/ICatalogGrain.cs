using System.Collections.Immutable;
using ActorScale.Domain.Catalog;

namespace ActorScale.Abstractions.Catalog;

/// <summary>The product catalog, served by a stateless worker on every silo (use key 0).</summary>
public interface ICatalogGrain : IGrainWithIntegerKey
{
    /// <summary>All products, ordered by SKU.</summary>
    Task<ImmutableArray<Product>> ListAsync();
}
