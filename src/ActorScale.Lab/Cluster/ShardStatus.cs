namespace ActorScale.Lab.Cluster;

/// <summary>One grain storage shard in <c>cluster status</c>.</summary>
/// <param name="Index">The shard number (0 is the first server).</param>
/// <param name="Endpoint">Its loopback address.</param>
/// <param name="Pid">Its postmaster's PID.</param>
/// <param name="InUse">"users", "moving in", "moving out" or "spare": its part in the shard map.</param>
/// <param name="Users">Distinct users with rows on it; null when it did not answer.</param>
/// <param name="Rows">State rows on it (a user has one per state: session, cart, order pages).</param>
/// <param name="Writes">State rows inserted and updated on it since its statistics began (PostgreSQL's <c>pg_stat_user_tables</c>).</param>
/// <param name="Problem">Why it did not answer; null when it did.</param>
public sealed record ShardStatus(int Index, string Endpoint, int Pid, string InUse, long? Users, long? Rows, long? Writes, string? Problem);
