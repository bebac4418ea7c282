namespace ActorScale.Lab.Cluster;

/// <summary>
/// One silo: its process, its row in the Redis membership table, its HTTP API (<c>-</c> when off) and, when that answers,
/// its routing counters (<see cref="SiloRoutingCounts"/>).
/// </summary>
public sealed record SiloStatus(string Name, string Address, int Pid, bool ProcessRunning, string Membership, string Gateway, IReadOnlyDictionary<string, int> Activations, string Http = "-", SiloRoutingCounts? Routing = null);
