using ActorScale.Storage.Sharding;

namespace ActorScale.Tests.Storage.Sharding;

/// <summary>Where a map looks for a user's state and where it writes a new user, in each phase of a resharding.</summary>
public sealed class ShardMapTests
{
    // A user who stays on shard 0 and one who moves to shard 1 when one shard becomes two.
    private static readonly string Stays = Enumerable.Range(0, 1000).Select(i => $"u:s{i}").First(k => ShardHash.ShardOf(k, 2) == 0);
    private static readonly string Moves = Enumerable.Range(0, 1000).Select(i => $"u:m{i}").First(k => ShardHash.ShardOf(k, 2) == 1);

    [Fact]
    public void Stable_ReadsAndWritesTheUsersShard()
    {
        var map = new ShardMap(1, ["a", "b"], 2, 2, ReshardPhase.Stable);

        Assert.Equal((1, (int?)null), map.ReadOrder(Moves));
        Assert.Equal(1, map.FirstWriteShard(Moves));
        Assert.Null(map.Problem());
    }

    [Theory]
    [InlineData(ReshardPhase.Preparing, 0)]
    [InlineData(ReshardPhase.Moving, 1)]
    public void Resharding_ReadsOldShardThenNew_FirstWriteOldUntilMoving(ReshardPhase phase, int firstWrite)
    {
        var map = new ShardMap(2, ["a", "b"], 1, 2, phase);

        Assert.Equal((0, (int?)1), map.ReadOrder(Moves));
        Assert.Equal((0, (int?)null), map.ReadOrder(Stays));
        Assert.Equal(firstWrite, map.FirstWriteShard(Moves));
        Assert.Equal(0, map.FirstWriteShard(Stays));
    }

    [Fact]
    public void Problem_NamesAMapThatCannotBeServed()
    {
        Assert.NotNull(new ShardMap(1, [], 1, 1, ReshardPhase.Stable).Problem());
        Assert.NotNull(new ShardMap(1, ["a"], 2, 2, ReshardPhase.Stable).Problem());
        Assert.NotNull(new ShardMap(1, ["a", "b"], 1, 3, ReshardPhase.Moving).Problem());
        Assert.NotNull(new ShardMap(1, ["a", "b"], 1, 2, ReshardPhase.Stable).Problem());
    }

    [Fact]
    public void File_RoundTrips_AndAcknowledgementsAreKeptPerSilo()
    {
        var folder = Directory.CreateTempSubdirectory("shard-map-");
        try
        {
            var path = Path.Combine(folder.FullName, "map.json");
            var map = new ShardMap(3, ["Host=127.0.0.1;Port=1", "Host=127.0.0.1;Port=2"], 1, 2, ReshardPhase.Moving);

            ShardMapFile.Write(path, map);
            ShardMapFile.Acknowledge(path, "silo-1", 3);

            var read = ShardMapFile.Read(path);
            Assert.Equal(map with { Shards = read.Shards }, read);
            Assert.Equal(map.Shards, read.Shards);
            Assert.Equal(3, ShardMapFile.Acknowledged(path, "silo-1"));
            Assert.Equal(0, ShardMapFile.Acknowledged(path, "silo-2"));
            Assert.Contains("\"Moving\"", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
