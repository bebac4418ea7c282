using ActorScale.Storage.Sharding;

namespace ActorScale.Tests.Storage.Sharding;

/// <summary>The placement function: stable, spread evenly, and moving only the share of users a new shard must take.</summary>
public sealed class ShardHashTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 20_000).Select(i => $"u:user-{i:D6}@example.org")];

    [Fact]
    public void ShardOf_IsTheSameInEveryProcess()
    {
        // Pinned: silos, the resharder and the baseline place users in different processes, builds and machines.
        Assert.Equal(PinnedHash, ShardHash.Of("u:alice"));
        Assert.Equal(PinnedShards, string.Join(",", Enumerable.Range(1, 8).Select(n => ShardHash.ShardOf("u:alice", n))));
        Assert.Equal(PinnedTenUsersOnEight, string.Join(",", Keys.Take(10).Select(k => ShardHash.ShardOf(k, 8))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Growing_ByOneShard_MovesOnlyToTheNewShard_AboutOneInNPlusOne(int shards)
    {
        var moved = Keys.Where(k => ShardHash.ShardOf(k, shards) != ShardHash.ShardOf(k, shards + 1)).ToList();

        Assert.All(moved, k => Assert.Equal(shards, ShardHash.ShardOf(k, shards + 1)));
        var expected = Keys.Length / (double)(shards + 1);
        Assert.InRange(moved.Count, expected * 0.9, expected * 1.1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Spread_MaxOverMeanRowsPerShard_Under1Point1(int shards)
    {
        var counts = Keys.GroupBy(k => ShardHash.ShardOf(k, shards)).Select(g => g.Count()).ToList();

        Assert.Equal(shards, counts.Count);
        Assert.True(counts.Max() / counts.Average() < 1.1, $"max/mean {counts.Max() / counts.Average():0.000}");
    }

    [Fact]
    public void Jump_OneBucket_IsAlwaysZero_AndNoBucketIsRefused()
    {
        Assert.All(Keys.Take(100), k => Assert.Equal(0, ShardHash.ShardOf(k, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardHash.Jump(1, 0));
    }

    private const ulong PinnedHash = 2324879373271177039;

    private const string PinnedShards = "0,1,1,1,1,1,1,1";

    private const string PinnedTenUsersOnEight = "5,5,3,2,2,4,5,4,6,3";
}
