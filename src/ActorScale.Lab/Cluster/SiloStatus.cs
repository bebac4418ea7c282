namespace ActorScale.Lab.Cluster;

/// <summary>
/// One silo: its process, its row in the Redis membership table, its HTTP API (<c>-</c> when off) and, when that answers,
/// its routing counters (<see cref="SiloRoutingCounts"/>); from the cluster's Prometheus, its HTTP requests per second
/// and their p99 over the last 10 s (null without Prometheus, or before it has two scrapes of the silo; the p99 also
/// while the silo serves nothing).
/// </summary>
public sealed record SiloStatus(string Name, string Address, int Pid, bool ProcessRunning, string Membership, string Gateway, IReadOnlyDictionary<string, int> Activations, string Http = "-", SiloRoutingCounts? Routing = null, double? RequestsPerSecond = null, double? P99Milliseconds = null);
