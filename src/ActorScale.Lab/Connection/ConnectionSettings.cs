using System.Net;
using ActorScale.Hosting;
using Microsoft.Extensions.Configuration;

namespace ActorScale.Lab.Connection;

/// <summary>
/// How a client finds the cluster: its clustering settings, the gateways it is pinned to (none: from membership), and
/// how the cluster is named in an error line.
/// </summary>
public sealed record ConnectionSettings(ClusterSettings Cluster, IReadOnlyList<IPEndPoint> Gateways, string Description)
{
    /// <summary>
    /// How the console finds the cluster, first match wins: <c>--gateway host:port</c> options; the
    /// <c>ActorScale__Cluster__Redis</c> environment settings (membership in Redis, as the silos use); the local cluster
    /// (<paramref name="localCluster"/>, e.g. <c>ClusterHome.LocalConnection</c>); else the development silo's gateway on localhost:30000.
    /// Gateways named by option use the TLS settings of the environment (<c>ActorScale__Cluster__Tls__*</c>), else the
    /// local cluster's client certificate.
    /// </summary>
    public static ConnectionSettings Resolve(IReadOnlyList<string> gatewayOptions, Func<ConnectionSettings?> localCluster)
    {
        var cluster = ClusterSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        if (gatewayOptions.Count > 0)
        {
            var endpoints = gatewayOptions.Select(ParseEndpoint).ToList();
            if (!cluster.Tls.IsConfigured && !cluster.Tls.Disabled && localCluster() is { } recorded)
            {
                cluster.Tls = recorded.Cluster.Tls;
            }

            return new(cluster, endpoints, "gateways " + string.Join(", ", gatewayOptions));
        }

        if (cluster.UsesRedis)
        {
            return new(cluster, [], $"Redis membership at {cluster.Redis}");
        }

        if (localCluster() is { } local)
        {
            return local;
        }

        return new(cluster, [new IPEndPoint(IPAddress.Loopback, ClusterSettings.DefaultGatewayPort)], "the development silo at 127.0.0.1:30000");
    }

    public static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"gateway '{text}' is not host:port");
        }

        var host = text[..colon];
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new UsageException($"gateway host '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
