using System.ComponentModel.DataAnnotations;
using ActorScale.Hosting;

namespace ActorScale.Silo.Hosting;

/// <summary>This silo's name and endpoints; bound from <c>ActorScale:Silo</c>.</summary>
public sealed class SiloSettings
{
    public const string Section = "ActorScale:Silo";

    public const int DefaultHttpPort = 8080;

    /// <summary>A readable silo name (shown by <c>cluster status</c>). Default: the machine name and silo port.</summary>
    public string? Name { get; set; }

    /// <summary>The address other silos and clients reach this silo on. Default 127.0.0.1.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = ClusterSettings.DefaultSiloPort;

    /// <summary>Client gateway port. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = ClusterSettings.DefaultGatewayPort;

    /// <summary>Listen on every interface (containers) instead of the advertised address only. Default false.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>The HTTP API's port, on the same addresses as the silo. Default 8080; 0 turns the HTTP API off.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>
    /// The HTTP API over TLS, with this silo's certificate of the cluster's authority (<c>ActorScale:Cluster:Tls</c>),
    /// on the same addresses as the silo: for a balancer that reaches the silos across a network (compose). When set,
    /// <see cref="HttpPort"/> listens on 127.0.0.1 only, for the host's own probes. Default 0: none.
    /// </summary>
    [Range(0, 65535)]
    public int HttpsPort { get; set; }

    /// <summary>
    /// The management port: Prometheus-format metrics at <c>/metrics</c> (OpenTelemetry: Orleans, ASP.NET Core, the
    /// runtime, Npgsql, ActorScale's own), on the silo's addresses, and nothing else; a public balancer must not route
    /// to it. Default 9464 (OpenTelemetry's Prometheus port); 0 turns it off.
    /// </summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; } = 9464;

    /// <summary>
    /// The Orleans Dashboard's password (or use <see cref="DashboardPasswordFile"/>): with one, the dashboard is served at
    /// <c>/dashboard</c> on <see cref="MetricsPort"/>, to user <c>operator</c> over HTTP Basic authentication. Default
    /// none: no dashboard.
    /// </summary>
    public string? DashboardPassword { get; set; }

    /// <summary>A file whose whole content (trimmed) is <see cref="DashboardPassword"/>.</summary>
    public string? DashboardPasswordFile { get; set; }
}
