using ActorScale.Grains.Carts;
using ActorScale.Grains.Catalog;
using ActorScale.Grains.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActorScale.Grains;

/// <summary>Registers what the grains need: options (validated at start), the catalog and the time source.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddActorScaleGrains(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CartOptions>().Bind(configuration.GetSection(CartOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ProductCatalog.Load(Path.Combine(baseDirectory, sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Path)));
        services.AddSingleton(sp => new CartBook(sp.GetRequiredService<IOptions<CartOptions>>().Value, sp.GetRequiredService<ProductCatalog>()));
        services.TryAddKeyedSingleton(GrainTime.Key, TimeProvider.System);
        return services;
    }
}
