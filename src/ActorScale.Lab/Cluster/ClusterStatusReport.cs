namespace ActorScale.Lab.Cluster;

/// <summary>What <c>cluster status</c> reports; <paramref name="Http"/> is the load balancer's address, null without <c>--lb</c>.</summary>
public sealed record ClusterStatusReport(string Home, IReadOnlyList<SiloStatus> Silos, ServiceHealth Redis, ServiceHealth Postgres, string? Http = null);

/// <summary>One silo: its process, its row in the Redis membership table, and its HTTP API (<c>-</c> when off).</summary>
public sealed record SiloStatus(string Name, string Address, int Pid, bool ProcessRunning, string Membership, string Gateway, IReadOnlyDictionary<string, int> Activations, string Http = "-");

/// <summary>A backing server's health.</summary>
public sealed record ServiceHealth(string Endpoint, int Pid, bool Healthy, string Detail);
