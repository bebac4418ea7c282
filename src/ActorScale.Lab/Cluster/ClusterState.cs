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

    public List<SiloRecord> Silos { get; init; } = [];

    /// <summary>The nginx load balancer's port (<c>cluster up --lb</c>); 0 when there is none.</summary>
    public int LbPort { get; init; }

    public int LbPid { get; init; }

    /// <summary>The <see cref="BalancerWatch"/> process that keeps nginx's silo list to the silos that can serve; 0 when none.</summary>
    public int LbWatchPid { get; init; }

    /// <summary>The silo program new silos start from: a release published by <c>cluster roll --build</c>, else the build's.</summary>
    public string? SiloProgram { get; init; }

    /// <summary>Each silo's memory limit in bytes (<c>cluster up --silo-memory</c>), enforced by a memory cgroup; 0 when none.</summary>
    public long SiloMemoryLimitBytes { get; init; }

    /// <summary>How a client reaches this cluster: through its Redis membership, as the read-only <see cref="RedisUsers.Client"/>.</summary>
    public ClusterSettings ClientSettings(ClusterHome home) => new()
    {
        ServiceId = ServiceId,
        ClusterId = ClusterId,
        Redis = $"127.0.0.1:{RedisPort}",
        RedisUser = RedisUsers.Client,
        RedisPasswordFile = home.RedisPasswordFile(RedisUsers.Client),
    };
}
