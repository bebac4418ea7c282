using ActorScale.Domain.Admission;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Catalog;
using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorScale.Domain;

/// <summary>Registers the rules every server applies: their options (validated at start), the process's password gate, the catalog and the cart rules.</summary>
public static class RuleServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AdmissionOptions"/>, <see cref="SessionOptions"/>, <see cref="CartOptions"/> and <see cref="CatalogOptions"/>, loads the catalog from under <paramref name="baseDirectory"/>.</summary>
    public static IServiceCollection AddActorScaleRules(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.LoginBaseDelay <= o.LoginMaxDelay, $"{AdmissionOptions.Section}:LoginBaseDelay must not exceed LoginMaxDelay")
            .ValidateOnStart();
        services.AddSingleton<PasswordGate>();
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CartOptions>().Bind(configuration.GetSection(CartOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ProductCatalog.Load(Path.Combine(baseDirectory, sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Path)));
        services.AddSingleton(sp => new CartRules(sp.GetRequiredService<IOptions<CartOptions>>().Value, sp.GetRequiredService<ProductCatalog>()));
        return services;
    }
}
