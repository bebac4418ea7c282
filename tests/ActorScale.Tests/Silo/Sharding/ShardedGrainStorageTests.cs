using ActorScale.Silo.Sharding;
using ActorScale.Storage.Sharding;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace ActorScale.Tests.Silo.Sharding;

/// <summary>
/// The sharded storage's rules, over in-memory shards: reads prefer the old shard during a resharding, a user's first
/// write lands by phase, and a grain whose rows a resharding moved follows them on its next write only when nobody
/// wrote them since it read.
/// </summary>
public sealed class ShardedGrainStorageTests : IDisposable
{
    private const string State = "cart";
    private static readonly GrainId Moves = GrainId.Create("user", Enumerable.Range(0, 1000).Select(i => $"u:m{i}").First(k => ShardHash.ShardOf(k, 2) == 1));

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharded-storage-");
    private readonly Dictionary<string, InMemoryShardStorage> _shards = new() { ["s0"] = new(), ["s1"] = new() };
    private readonly ShardMapWatch _watch;
    private readonly ShardedGrainStorage _storage;

    public ShardedGrainStorageTests()
    {
        Publish(1, ReshardPhase.Moving);
        _watch = new ShardMapWatch(MapFile, "silo-test", name => Task.FromResult<IGrainStorage>(_shards[name]), NullLogger<ShardMapWatch>.Instance);
        _storage = new ShardedGrainStorage(_watch, name => Task.FromResult<IGrainStorage>(_shards[name]), NullLogger<ShardedGrainStorage>.Instance);
    }

    private string MapFile => Path.Combine(_folder.FullName, "map.json");

    [Fact]
    public async Task Read_DuringResharding_PrefersTheOldShard_AndTheETagNamesIt()
    {
        _shards["s0"].Rows[(State, Moves)] = ("old", 3);
        _shards["s1"].Rows[(State, Moves)] = ("stale copy", 2);

        var state = await ReadAsync();

        Assert.Equal("old", state.State);
        Assert.Equal("0/3", state.ETag);
    }

    [Fact]
    public async Task FirstWrite_WhileMoving_LandsOnTheNewShard()
    {
        var state = await ReadAsync();
        state.State = "new user";

        await _storage.WriteStateAsync(State, Moves, state);

        Assert.Equal("1/1", state.ETag);
        Assert.Empty(_shards["s0"].Rows);
    }

    [Fact]
    public async Task Write_AfterTheRowMoved_FollowsIt_ToItsNewShard()
    {
        _shards["s0"].Rows[(State, Moves)] = ("v3", 3);
        var state = await ReadAsync();
        MoveRow(version: 3);
        state.State = "v4";

        await _storage.WriteStateAsync(State, Moves, state);

        Assert.Equal("1/4", state.ETag);
        Assert.Equal(("v4", 4), _shards["s1"].Rows[(State, Moves)]);
        Assert.Empty(_shards["s0"].Rows);
    }

    [Fact]
    public async Task Write_AfterTheMovedRowWasWrittenAgain_IsAConflict()
    {
        _shards["s0"].Rows[(State, Moves)] = ("v3", 3);
        var state = await ReadAsync();
        MoveRow(version: 3);
        _shards["s1"].Rows[(State, Moves)] = ("someone else's v4", 4);
        state.State = "mine";

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(State, Moves, state));
        Assert.Equal(("someone else's v4", 4), _shards["s1"].Rows[(State, Moves)]);
    }

    [Fact]
    public async Task Write_WhenTheOldRowChangedUnderneath_IsAConflict_NotAFollow()
    {
        _shards["s0"].Rows[(State, Moves)] = ("v3", 3);
        var state = await ReadAsync();
        _shards["s0"].Rows[(State, Moves)] = ("someone else's v4", 4);
        _shards["s1"].Rows[(State, Moves)] = ("stale copy", 3);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(State, Moves, state));
        Assert.Equal(("stale copy", 3), _shards["s1"].Rows[(State, Moves)]);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task<GrainState<string>> ReadAsync()
    {
        var state = new GrainState<string>();
        await _storage.ReadStateAsync(State, Moves, state);
        return state;
    }

    /// <summary>What the resharder does: copy with the version, delete the old row.</summary>
    private void MoveRow(int version)
    {
        _shards["s1"].Rows[(State, Moves)] = (_shards["s0"].Rows[(State, Moves)].Value, version);
        _shards["s0"].Rows.Remove((State, Moves));
    }

    private void Publish(int epoch, ReshardPhase phase) => ShardMapFile.Write(MapFile, new ShardMap(epoch, ["s0", "s1"], 1, 2, phase));
}
