using System.Text.Json.Serialization;

namespace ActorScale.Storage.Sharding;

/// <summary>
/// The grain storage's shards, as every silo reads them from one file (<see cref="ShardMapFile"/>): the PostgreSQL
/// servers (connection strings without passwords), how many of them hold users, and a resharding in progress.
/// </summary>
/// <param name="Epoch">Raised by every change; silos acknowledge the epoch they run.</param>
/// <param name="Shards">Every shard server's connection string, without password; shard i is <c>Shards[i]</c>.</param>
/// <param name="Count">How many shards users are placed on (the first <paramref name="Count"/> of <paramref name="Shards"/>).</param>
/// <param name="Target">The shard count a resharding moves to; equals <paramref name="Count"/> when none runs.</param>
/// <param name="Phase">Where the resharding stands.</param>
public sealed record ShardMap(int Epoch, IReadOnlyList<string> Shards, int Count, int Target, [property: JsonConverter(typeof(JsonStringEnumConverter<ReshardPhase>))] ReshardPhase Phase)
{
    /// <summary>One shard, no resharding.</summary>
    public static ShardMap OneShard(string connectionString) => new(1, [connectionString], 1, 1, ReshardPhase.Stable);

    /// <summary>True while a resharding runs.</summary>
    [JsonIgnore]
    public bool Resharding => Phase != ReshardPhase.Stable;

    /// <summary>Where a grain's state is looked for, in order: its shard, or during a resharding its old shard and then its new one.</summary>
    public (int First, int? Then) ReadOrder(string grainKey)
    {
        var hash = ShardHash.Of(grainKey);
        var old = ShardHash.Jump(hash, Count);
        if (!Resharding)
        {
            return (old, null);
        }

        var next = ShardHash.Jump(hash, Target);
        return next == old ? (old, null) : (old, next);
    }

    /// <summary>Where a grain without stored state writes it first: the old shard until rows move, the new one from then on.</summary>
    public int FirstWriteShard(string grainKey) =>
        ShardHash.Jump(ShardHash.Of(grainKey), Phase == ReshardPhase.Moving ? Target : Count);

    /// <summary>Checks the map's own consistency; returns the problem, or null.</summary>
    public string? Problem() =>
        Shards.Count == 0 ? "the shard map lists no shard"
        : Count < 1 || Count > Shards.Count ? $"the shard map places users on {Count} shards but lists {Shards.Count}"
        : Target < 1 || Target > Shards.Count ? $"the shard map reshards to {Target} shards but lists {Shards.Count}"
        : !Resharding && Target != Count ? "the shard map has a target but no resharding phase"
        : null;
}
