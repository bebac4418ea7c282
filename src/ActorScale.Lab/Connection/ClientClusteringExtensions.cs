using System.Net;
using ActorScale.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ActorScale.Lab.Connection;

/// <summary>
/// A client's view of the membership: static gateways when given, else the gateways the silos publish in Redis, else
/// the local development silo.
/// </summary>
public static class ClientClusteringExtensions
{
    public static IClientBuilder UseActorScaleClustering(this IClientBuilder client, ClusterSettings settings, IReadOnlyList<IPEndPoint> staticGateways)
    {
        client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (settings.ServiceId, settings.ClusterId));
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
            client.UseLocalhostClustering(ClusterSettings.DefaultGatewayPort, settings.ServiceId, settings.ClusterId);
        }

        return client;
    }
}
