using System.Net;
using ActorScale.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;

namespace ActorScale.Lab.Connection;

/// <summary>
/// A client's view of the membership: static gateways when given, else the gateways the silos publish in Redis (read
/// with <see cref="RedisGatewayList"/>), else the local development silo.
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
            client.Services.AddSingleton<IGatewayListProvider>(services => new RedisGatewayList(settings, services.GetRequiredService<IOptions<GatewayOptions>>()));
        }
        else
        {
            client.UseLocalhostClustering(ClusterSettings.DefaultGatewayPort, settings.ServiceId, settings.ClusterId);
        }

        return client;
    }
}
