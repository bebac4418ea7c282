namespace ActorScale.Lab.Cluster;

/// <summary>
/// What <c>cluster status</c> reports; <paramref name="Http"/> is the load balancer's address, null without <c>--lb</c>;
/// <paramref name="Shards"/> the grain storage's PostgreSQL shards, and <paramref name="ShardMap"/> a line on the map;
/// <paramref name="Dashboard"/> the Orleans Dashboard on the first running silo's management port, null when none;
/// <paramref name="Prometheus"/> the cluster's Prometheus (address and PID, or why it does not answer), null when none.
/// </summary>
public sealed record ClusterStatusReport(string Home, IReadOnlyList<SiloStatus> Silos, ServiceHealth Redis, ServiceHealth Postgres, string? Http = null, IReadOnlyList<ShardStatus>? Shards = null, string? ShardMap = null, string? Dashboard = null, string? Prometheus = null);
