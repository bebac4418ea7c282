namespace ActorScale.Lab.Cluster;

/// <summary>One row of the Redis membership table, as <c>cluster status</c> shows it.</summary>
/// <param name="SiloName">The silo's name.</param>
/// <param name="SiloAddress">Its address and generation.</param>
/// <param name="Status">Active, Dead...</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">Its last heartbeat in the table.</param>
/// <param name="Suspicions">Votes of other silos that this one is dead, still in the row (<c>SuspectTimes</c>).</param>
/// <param name="GatewayPort">Its client gateway port (<c>ProxyPort</c>); 0 when it has none.</param>
public sealed record MembershipEntry(string SiloName, string SiloAddress, string Status, DateTimeOffset? StartTime, DateTimeOffset? IAmAliveTime, int Suspicions = 0, int GatewayPort = 0);
