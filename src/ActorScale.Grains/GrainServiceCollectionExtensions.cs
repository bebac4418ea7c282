using ActorScale.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorScale.Grains;

/// <summary>Registers what the grains need: the rules with their options (validated at start) and the grains' clock.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddActorScaleGrains(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        services.AddActorScaleRules(configuration, baseDirectory);
        services.TryAddKeyedSingleton(GrainTime.Key, TimeProvider.System);
        return services;
    }
}
