using ActorScale.Hosting;
using ActorScale.Hosting.Tls;
using Microsoft.AspNetCore.Connections;
using Orleans.Configuration;
using Orleans.Connections.Security;
using StackExchange.Redis;

namespace ActorScale.Silo.Hosting;

/// <summary>A silo's membership: Redis, or localhost clustering in development mode (no <see cref="ClusterSettings.Redis"/>); and its transport: mutual TLS with Redis.</summary>
public static class SiloClusteringExtensions
{
    /// <param name="silo">The silo.</param>
    /// <param name="settings">The cluster's settings.</param>
    /// <param name="siloPort">In development mode, the silo port (<see cref="SiloSettings.SiloPort"/>).</param>
    /// <param name="gatewayPort">In development mode, the gateway port (<see cref="SiloSettings.GatewayPort"/>).</param>
    public static ISiloBuilder UseActorScaleClustering(this ISiloBuilder silo, ClusterSettings settings, int siloPort = ClusterSettings.DefaultSiloPort, int gatewayPort = ClusterSettings.DefaultGatewayPort)
    {
        silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (settings.ServiceId, settings.ClusterId));
        if (settings.UsesRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = settings.RedisOptions());
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        if (settings.UsesTls)
        {
            silo.UseActorScaleTls(settings.Tls);
        }

        return silo;
    }

    /// <summary>
    /// Mutual TLS on both Orleans ports: the silo-to-silo port, inbound and outbound, takes only silo certificates of the
    /// cluster; the gateway port takes silo and client certificates. Without a certificate the handshake fails and the
    /// connection is closed before a single Orleans message is read.
    /// </summary>
    /// <remarks>The files are read when Orleans starts; a bad one is reported before that by <see cref="StartupChecks"/>.</remarks>
    public static ISiloBuilder UseActorScaleTls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        return silo.Configure<SiloConnectionOptions>(o =>
        {
            var tls = ClusterTls.Load(settings);
            var silos = Options(tls, tls.IsSilo);
            var members = Options(tls, tls.IsMember);
            o.ConfigureSiloInboundConnection(c => c.UseServerTls(silos));
            o.ConfigureSiloOutboundConnection(c => c.UseClientTls(silos));
            o.ConfigureGatewayInboundConnection(c => c.UseServerTls(members));
        });
    }

    private static TlsOptions Options(ClusterTls tls, Func<System.Security.Cryptography.X509Certificates.X509Certificate2, bool> accepts) => new()
    {
        LocalCertificate = tls.Current,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,

        // Chain and usage are checked against the cluster's own authority, not the machine's store; peers are named by
        // the membership table, so the certificate's host name is not what identifies them.
        RemoteCertificateValidation = (certificate, _, _) => accepts(certificate),
    };
}
