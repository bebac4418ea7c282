using System.ComponentModel.DataAnnotations;
using ActorScale.Hosting.Tls;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace ActorScale.Hosting;

/// <summary>
/// Where the cluster's membership lives; read by silos and clients alike from <c>ActorScale:Cluster</c>
/// (environment: <c>ActorScale__Cluster__Redis</c> and so on). With no <see cref="Redis"/> a silo runs alone on
/// localhost clustering and a client connects to the local gateway (development mode).
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "ActorScale:Cluster";

    /// <summary>The silo-to-silo port of a development silo (no <see cref="Redis"/>).</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The client gateway port of a development silo (no <see cref="Redis"/>).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Identifies the deployment across restarts; part of every stored state row. Default <c>actorscale</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,100}$")]
    public string ServiceId { get; set; } = "actorscale";

    /// <summary>Silos with the same cluster id form one cluster. Default <c>local</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,100}$")]
    public string ClusterId { get; set; } = "local";

    /// <summary>Redis <c>host:port</c> for membership and gateway discovery, without the password. Empty: development mode.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The Redis ACL user (<c>silo</c> for silos, <c>client</c> for clients where the launcher or compose writes the users);
    /// empty: Redis's <c>default</c> user, which those deployments turn off.
    /// </summary>
    public string? RedisUser { get; set; }

    /// <summary>The Redis user's password (prefer <see cref="RedisPasswordFile"/>: environment values show up in process listings of some tools).</summary>
    public string? RedisPassword { get; set; }

    /// <summary>A file whose whole content (trimmed) is the Redis password.</summary>
    public string? RedisPasswordFile { get; set; }

    /// <summary>
    /// Redis over TLS: the certificate authorities (PEM) Redis's certificate must chain to; it must also name the host in
    /// <see cref="Redis"/>. Empty: plain TCP, for a Redis on loopback (the local cluster). Compose, where Redis is reached
    /// across containers, sets it.
    /// </summary>
    public string? RedisTrustFile { get; set; }

    /// <summary>Mutual TLS on the Orleans ports (<c>ActorScale:Cluster:Tls</c>).</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    /// <summary>Whether the Orleans ports speak mutual TLS: always with Redis membership unless <see cref="ClusterTlsSettings.Disabled"/>.</summary>
    public bool UsesTls => Tls.AppliesWith(UsesRedis);

    /// <summary>The settings of <see cref="Section"/> in <paramref name="configuration"/>, defaults where absent.</summary>
    public static ClusterSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<ClusterSettings>() ?? new ClusterSettings();

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Orleans' Redis membership hash of this service and cluster.</summary>
    public string MembershipKey => MembershipKeyOf(ServiceId, ClusterId);

    /// <summary>The key Orleans' Redis clustering keeps the table in (<c>RedisClusteringOptions.DefaultCreateRedisKey</c>).</summary>
    public static string MembershipKeyOf(string serviceId, string clusterId) => $"{serviceId}/members/{clusterId}";

    /// <summary>How StackExchange.Redis connects: the user and its password, and TLS with <see cref="RedisTrustFile"/>; never log it.</summary>
    public ConfigurationOptions RedisOptions()
    {
        if (!RedisConnection.IsValidUser(RedisUser))
        {
            throw new InvalidOperationException($"{Section}:RedisUser must be 1 to 64 letters, digits, '.', '_' or '-'");
        }

        return RedisConnection.Options(
            RedisConnection.ConnectionString(Redis!, RedisUser, Secret.Read(RedisPassword, RedisPasswordFile, $"{Section}:RedisPassword")),
            RedisTrustFile);
    }
}
