namespace ActorScale.Lab.Cluster;

/// <summary>What <c>cluster status</c> reports; <paramref name="Http"/> is the load balancer's address, null without <c>--lb</c>.</summary>
public sealed record ClusterStatusReport(string Home, IReadOnlyList<SiloStatus> Silos, ServiceHealth Redis, ServiceHealth Postgres, string? Http = null);
