namespace ActorScale.Client.Cluster;

/// <summary>What <c>cluster status</c> reports.</summary>
public sealed record ClusterStatusReport(string Home, IReadOnlyList<SiloStatus> Silos, ServiceHealth Redis, ServiceHealth Postgres);

/// <summary>One silo: its process and its row in the Redis membership table.</summary>
public sealed record SiloStatus(string Name, string Address, int Pid, bool ProcessRunning, string Membership, string Gateway, IReadOnlyDictionary<string, int> Activations);

/// <summary>A backing server's health.</summary>
public sealed record ServiceHealth(string Endpoint, int Pid, bool Healthy, string Detail);
