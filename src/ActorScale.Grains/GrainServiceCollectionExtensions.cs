using ActorScale.Domain;
using ActorScale.Domain.Admission;
using ActorScale.Grains.Storage;
using ActorScale.Grains.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace ActorScale.Grains;

/// <summary>Registers what the grains need: the rules with their options (validated at start), the grains' clock, the routing counters, the silo's login throttle and the state types' serializer for live migration.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddActorScaleGrains(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddActorScaleRules(configuration, baseDirectory);
        services.TryAddKeyedSingleton(GrainTime.Key, TimeProvider.System);
        services.TryAddSingleton<UserRouting>();
        services.TryAddSingleton<UserGrainServices>();

        // One throttle of failed logins per silo, keyed by user and client address: it outlives activations.
        services.TryAddSingleton(sp =>
        {
            var limits = sp.GetRequiredService<IOptions<AdmissionOptions>>().Value;
            return new LoginThrottle(limits, limits.LoginPairsPerServer);
        });
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: StateTypes.Contains, StateJsonSerializer.Options));
        return services;
    }
}
