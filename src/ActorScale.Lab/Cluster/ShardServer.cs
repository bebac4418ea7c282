namespace ActorScale.Lab.Cluster;

/// <summary>A further PostgreSQL shard server of the cluster (<see cref="PostgresServer.StartShardAsync"/>): shard 0 is <see cref="ClusterState.PostgresPort"/>.</summary>
/// <param name="Index">The shard number, 1 or more.</param>
/// <param name="Port">Its loopback port.</param>
/// <param name="Pid">Its postmaster's PID.</param>
/// <param name="DataDir">Its data folder.</param>
public sealed record ShardServer(int Index, int Port, int Pid, string DataDir);
