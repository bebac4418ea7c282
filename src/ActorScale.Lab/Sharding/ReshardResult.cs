namespace ActorScale.Lab.Sharding;

/// <summary>What one <c>db reshard</c> did.</summary>
/// <param name="From">Shards before.</param>
/// <param name="To">Shards after.</param>
/// <param name="UsersMoved">Users whose rows this run moved.</param>
/// <param name="RowsMoved">Rows this run moved (a user has one per state: session, cart, order pages).</param>
/// <param name="RowsRetried">Rows copied again because their grain wrote them between the copy and the delete.</param>
/// <param name="Resumed">True when this run finished a resharding an earlier run began.</param>
/// <param name="Seconds">From start to every silo on the new map.</param>
public sealed record ReshardResult(int From, int To, int UsersMoved, int RowsMoved, int RowsRetried, bool Resumed, double Seconds);
