using ActorScale.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ActorScale.Silo.Hosting;

/// <summary>A silo's membership: Redis, or localhost clustering in development mode (no <see cref="ClusterSettings.Redis"/>).</summary>
public static class SiloClusteringExtensions
{
    public static ISiloBuilder UseActorScaleClustering(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (settings.ServiceId, settings.ClusterId));
        if (settings.UsesRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(settings.RedisConnectionString()));
        }
        else
        {
            silo.UseLocalhostClustering(ClusterSettings.DefaultSiloPort, ClusterSettings.DefaultGatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo;
    }
}
