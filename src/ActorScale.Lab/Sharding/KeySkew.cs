using ActorScale.Domain.Users;
using ActorScale.Storage.Sharding;

namespace ActorScale.Lab.Sharding;

/// <summary>
/// <c>actorscale db skew</c>: how evenly three placements spread users over N shards, and how many users each moves
/// when a shard is added. Our jump hash; the seed's <c>hash(user_id) % N</c>; and range sharding by the id's first
/// letter (a–z in N equal ranges: A–M and N–Z for two). Over ids people pick (<see cref="RealisticUserIds"/>) and over
/// machine-made ids with a common prefix (<c>user-000042</c>).
/// </summary>
public static class KeySkew
{
    public const string JumpHash = "jump hash (ours)";
    public const string Modulo = "hash % N (the seed's)";
    public const string Range = "range by first letter";

    public static IReadOnlyList<SkewResult> Measure(int users, IReadOnlyList<int> shardCounts, int seed)
    {
        var sets = new (string Name, IReadOnlyList<string> Ids)[]
        {
            ("ids people pick", RealisticUserIds.Generate(users, seed)),
            ("machine ids user-NNNNNN", [.. Enumerable.Range(1, users).Select(i => $"user-{i:D6}")]),
        };
        var placements = new (string Name, Func<string, int, int> ShardOf)[]
        {
            (JumpHash, (key, n) => ShardHash.ShardOf(key, n)),
            (Modulo, (key, n) => (int)(ShardHash.Of(key) % (ulong)n)),
            (Range, RangeOf),
        };
        var results = new List<SkewResult>();
        foreach (var (set, ids) in sets)
        {
            var keys = ids.Select(UserIds.Key).ToList();
            foreach (var (placement, shardOf) in placements)
            {
                foreach (var n in shardCounts)
                {
                    var counts = new long[n];
                    var moved = 0;
                    foreach (var key in keys)
                    {
                        var shard = shardOf(key, n);
                        counts[shard]++;
                        moved += shard == shardOf(key, n + 1) ? 0 : 1;
                    }

                    var mean = keys.Count / (double)n;
                    results.Add(new SkewResult(set, placement, n, Math.Round(counts.Max() / mean, 3), Math.Round(counts.Min() / mean, 3), Math.Round((double)moved / keys.Count, 4)));
                }
            }
        }

        return results;
    }

    /// <summary>Range sharding by the first letter of the id (after the key's <c>u:</c>): a–z cut into N equal ranges; anything else in the first.</summary>
    public static int RangeOf(string key, int shards)
    {
        var id = UserIds.OfKey(key);
        var letter = id.Length > 0 && id[0] is >= 'a' and <= 'z' ? id[0] - 'a' : 0;
        return letter * shards / 26;
    }
}
