using ActorScale.Domain.Users;
using ActorScale.Storage.Sharding;
using Npgsql;

namespace ActorScale.Baseline.Storage;

/// <summary>
/// The baseline's PostgreSQL shards: a user's account, cart, orders and operation ids live on the shard of
/// <see cref="ShardHash"/> over their key, the same function and key the silos place a user's grain state by, so that
/// both designs spread the same users over the same number of servers.
/// </summary>
/// <param name="all">Every shard's pool, shard 0 first.</param>
public sealed class BaselineShards(IReadOnlyList<NpgsqlDataSource> all)
{
    public IReadOnlyList<NpgsqlDataSource> All => all;

    /// <summary>The pool of the shard that holds <paramref name="userId"/> (case-folded).</summary>
    public NpgsqlDataSource For(string userId) => all.Count == 1 ? all[0] : all[ShardHash.ShardOf(UserIds.Key(userId), all.Count)];
}
