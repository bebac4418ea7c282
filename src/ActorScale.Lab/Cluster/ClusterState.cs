using ActorScale.Hosting;

namespace ActorScale.Lab.Cluster;

/// <summary>What <c>cluster up</c> started: recorded in <c>cluster.json</c> so later commands (and a crashed run's cleanup) find every process by PID.</summary>
public sealed record ClusterState
{
    public string ServiceId { get; init; } = "actorscale";

    public string ClusterId { get; init; } = "local";

    public int RedisPort { get; init; }

    public int RedisPid { get; init; }

    public int PostgresPort { get; init; }

    public int PostgresPid { get; init; }

    public string PostgresDataDir { get; init; } = "";

    /// <summary>The grain storage's shard servers after the first (<c>cluster up --db-shards</c>, <c>db reshard</c>); empty with one shard.</summary>
    public List<ShardServer> Shards { get; init; } = [];

    /// <summary>The streaming replica's port (the <c>read-replica</c> design starts it); 0 when there is none.</summary>
    public int ReplicaPort { get; init; }

    public int ReplicaPid { get; init; }

    public string ReplicaDataDir { get; init; } = "";

    public List<SiloRecord> Silos { get; init; } = [];

    /// <summary>The nginx load balancer's port (<c>cluster up --lb</c>); 0 when there is none.</summary>
    public int LbPort { get; init; }

    public int LbPid { get; init; }

    /// <summary>The load balancer's plain-HTTP port, which only redirects to HTTPS on <see cref="LbPort"/>; 0 when there is none (or the balancer speaks plain HTTP: bench's comparison).</summary>
    public int LbHttpPort { get; init; }

    /// <summary>The load balancer's address: HTTPS, unless bench started it in plain HTTP.</summary>
    public string BalancerAddress => LbHttpPort > 0 ? LocalCluster.BalancerAddress(LbPort) : LocalCluster.HttpAddress(LbPort);

    /// <summary>The <see cref="BalancerWatch"/> process that keeps nginx's silo list to the silos that can serve; 0 when none.</summary>
    public int LbWatchPid { get; init; }

    /// <summary>Whether the cluster is watched: a Prometheus scraping the silos, the Orleans Dashboard on their management ports (<c>cluster up</c>: yes; bench's clusters: no).</summary>
    public bool Monitoring { get; init; }

    /// <summary>The private Prometheus that scrapes the silos (<see cref="PrometheusServer"/>); 0 when there is none (bench's clusters).</summary>
    public int PrometheusPort { get; init; }

    public int PrometheusPid { get; init; }

    /// <summary>The silo program new silos start from: a release published by <c>cluster roll --build</c>, else the build's.</summary>
    public string? SiloProgram { get; init; }

    /// <summary>Each silo's memory limit in bytes (<c>cluster up --silo-memory</c>), enforced by a memory cgroup; 0 when none.</summary>
    public long SiloMemoryLimitBytes { get; init; }

    /// <summary>
    /// The Orleans ports without TLS (<c>bench</c>'s comparison, to measure what mutual TLS costs); false (TLS) for every
    /// cluster <c>cluster up</c> starts.
    /// </summary>
    public bool PlaintextTransport { get; init; }

    /// <summary>How a client of this machine reaches the cluster: its Redis membership, as the read-only <see cref="RedisUsers.Client"/>, and the client certificate for mutual TLS.</summary>
    public ClusterSettings ClientSettings(ClusterHome home) => new()
    {
        ServiceId = ServiceId,
        ClusterId = ClusterId,
        Redis = $"127.0.0.1:{RedisPort}",
        RedisUser = RedisUsers.Client,
        RedisPasswordFile = home.RedisPasswordFile(RedisUsers.Client),
        Tls = PlaintextTransport ? new() { Disabled = true } : home.Certificates.Client(),
    };
}
