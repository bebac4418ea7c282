namespace ActorScale.Storage.Sharding;

/// <summary>
/// Where a resharding from <see cref="ShardMap.Count"/> to <see cref="ShardMap.Target"/> shards stands. Each phase is
/// published only after every running silo has acknowledged the one before, so two silos are never more than one
/// phase apart, and each pair of neighbouring phases agrees on where every user's state is.
/// </summary>
public enum ReshardPhase
{
    /// <summary>No resharding: each user on its shard among <see cref="ShardMap.Count"/>.</summary>
    Stable,

    /// <summary>Reads look at the old shard, then the new one; a user's first write still goes to the old shard.</summary>
    Preparing,

    /// <summary>Reads look at the old shard, then the new one; a user's first write goes to the new shard; rows are being moved.</summary>
    Moving,
}
