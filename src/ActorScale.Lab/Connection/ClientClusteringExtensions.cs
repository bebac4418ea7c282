using System.Net;
using ActorScale.Hosting;
using ActorScale.Hosting.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Messaging;

namespace ActorScale.Lab.Connection;

/// <summary>
/// A client's view of the membership: static gateways when given, else the gateways the silos publish in Redis (read
/// with <see cref="RedisGatewayList"/>), else the local development silo; mutual TLS to the gateways whenever the silos
/// use it (<see cref="ClusterSettings.UsesTls"/>).
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

        if (settings.UsesTls)
        {
            var tls = ClusterTls.Load(settings.Tls);
            client.UseTls(o =>
            {
                o.LocalCertificate = tls.Current;
                o.LocalClientCertificateSelector = (_, _, _, _, _) => tls.Current;
                o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;

                // A gateway must prove it is a silo of this cluster (its authority, server usage), whatever its host name.
                o.RemoteCertificateValidation = (certificate, _, _) => tls.IsSilo(certificate);
            });
        }

        return client;
    }
}
