namespace ActorScale.Lab.Cluster;

/// <summary>One row of the Redis membership table, as <c>cluster status</c> shows it.</summary>
public sealed record MembershipEntry(string SiloName, string SiloAddress, string Status, DateTimeOffset? StartTime, DateTimeOffset? IAmAliveTime);
