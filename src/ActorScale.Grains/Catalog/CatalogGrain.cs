using System.Collections.Immutable;
using ActorScale.Abstractions.Catalog;
using ActorScale.Domain.Catalog;
using Orleans.Concurrency;

namespace ActorScale.Grains.Catalog;

/// <summary>Serves the catalog from whichever silo the caller reaches: a local stateless worker, no hop.</summary>
[StatelessWorker]
public sealed class CatalogGrain(ProductCatalog catalog) : Grain, ICatalogGrain
{
    public Task<ImmutableArray<Product>> ListAsync() => Task.FromResult(catalog.Products);
}
