using ActorScale.Domain;
using ActorScale.Grains.Storage;
using ActorScale.Grains.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;

namespace ActorScale.Grains;

/// <summary>Registers what the grains need: the rules with their options (validated at start), the grains' clock, the routing counters and the state types' serializer for live migration.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddActorScaleGrains(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddActorScaleRules(configuration, baseDirectory);
        services.TryAddKeyedSingleton(GrainTime.Key, TimeProvider.System);
        services.TryAddSingleton<UserRouting>();
        services.AddSerializer(serializer => serializer.AddJsonSerializer(isSupported: StateTypes.Contains, StateJsonSerializer.Options));
        return services;
    }
}
