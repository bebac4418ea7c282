using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ActorScale.Hosting;

/// <summary>Redis membership for silos and clients, or localhost clustering in development mode.</summary>
public static class ClusteringExtensions
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public static ClusterSettings GetClusterSettings(this IConfiguration configuration) =>
        configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();

    public static ISiloBuilder UseActorScaleClustering(this ISiloBuilder silo, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = settings.ServiceId;
            o.ClusterId = settings.ClusterId;
        });
        if (settings.UsesRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(settings.RedisConnectionString()));
        }
        else
        {
            silo.UseLocalhostClustering(DefaultSiloPort, DefaultGatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo;
    }

    public static IClientBuilder UseActorScaleClustering(this IClientBuilder client, ClusterSettings settings, IReadOnlyList<IPEndPoint> staticGateways)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = settings.ServiceId;
            o.ClusterId = settings.ClusterId;
        });
        if (staticGateways.Count > 0)
        {
            client.UseStaticClustering([.. staticGateways]);
        }
        else if (settings.UsesRedis)
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(settings.RedisConnectionString()));
        }
        else
        {
            client.UseLocalhostClustering(DefaultGatewayPort, settings.ServiceId, settings.ClusterId);
        }

        return client;
    }
}
