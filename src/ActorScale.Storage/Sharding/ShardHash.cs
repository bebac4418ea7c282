using System.IO.Hashing;
using System.Text;

namespace ActorScale.Storage.Sharding;

/// <summary>
/// Which shard holds a grain: a jump consistent hash (Lamping and Veach, 2014) of the XxHash64 of the grain's string
/// key. Going from N to M shards moves only the keys whose bucket changes, about |M - N| / max(M, N) of them, where
/// <c>hash % N</c> would move nearly all. The silos and the stateless baseline place a user by the same function.
/// </summary>
public static class ShardHash
{
    /// <summary>The 64-bit hash of a grain key (the user grain's <c>u:</c> key), stable across processes and versions.</summary>
    public static ulong Of(string grainKey) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(grainKey));

    /// <summary>The shard (0 to <paramref name="shards"/> - 1) of <paramref name="grainKey"/> among <paramref name="shards"/>.</summary>
    public static int ShardOf(string grainKey, int shards) => Jump(Of(grainKey), shards);

    /// <summary>The jump consistent hash: the bucket of <paramref name="key"/> among <paramref name="buckets"/>.</summary>
    public static int Jump(ulong key, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long bucket = -1;
        long next = 0;
        while (next < buckets)
        {
            bucket = next;
            key = unchecked((key * 2862933555777941757UL) + 1);
            next = (long)((bucket + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)bucket;
    }
}
