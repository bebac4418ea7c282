using System.Globalization;
using ActorScale.Storage.Sharding;
using Orleans.Storage;

namespace ActorScale.Silo.Sharding;

/// <summary>
/// Grain storage spread over the shards of <see cref="ShardMapWatch"/>: each grain's rows live on the shard its key
/// hashes to (<see cref="ShardHash"/>), each shard an Orleans ADO.NET storage of its own. The ETag a grain holds names
/// the shard its state came from (<c>shard/version</c>), so a grain writes back where it read. When a resharding has
/// moved its rows meanwhile (the resharder copies a row with its version, then deletes the old one only if it was not
/// written since), the write there finds no row; the grain's write then follows its rows to their new shard, and only
/// if they still have the version the grain read: otherwise it is the ETag conflict it would have been anyway.
/// </summary>
/// <param name="watch">The map every call reads.</param>
/// <param name="storageOf">The storage of a shard, by its connection string without password (<see cref="ShardStorages.GetAsync"/>).</param>
/// <param name="logger">Where followed moves are logged.</param>
public sealed partial class ShardedGrainStorage(ShardMapWatch watch, Func<string, Task<IGrainStorage>> storageOf, ILogger<ShardedGrainStorage> logger) : IGrainStorage
{
    /// <summary>The log line of a write that followed its rows to their new shard (tests look for it).</summary>
    public const string FollowedLogLine = "moved by a resharding: the write followed it";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var lease = watch.Acquire();
        var (first, then) = lease.Map.ReadOrder(grainId.Key.ToString());
        if (!await ReadAtAsync(lease.Map, first, stateName, grainId, grainState) && then is { } next)
        {
            await ReadAtAsync(lease.Map, next, stateName, grainId, grainState);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(stateName, grainId, grainState, static (storage, name, id, state) => storage.WriteStateAsync(name, id, state));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ChangeAsync(stateName, grainId, grainState, static (storage, name, id, state) => storage.ClearStateAsync(name, id, state));

    /// <summary>The shard and row version an ETag of this storage names; null for a grain that read no row.</summary>
    public static (int Shard, string Version)? ParseETag(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        var slash = etag.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(etag.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
            ? (shard, etag[(slash + 1)..])
            : throw new InconsistentStateException($"ETag '{etag}' names no shard", etag, "");
    }

    public static string FormatETag(int shard, string version) => string.Create(CultureInfo.InvariantCulture, $"{shard}/{version}");

    private async Task ChangeAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, Func<IGrainStorage, string, GrainId, IGrainState<T>, Task> change)
    {
        using var lease = watch.Acquire();
        var map = lease.Map;
        var held = ParseETag(grainState.ETag);
        var shard = held?.Shard ?? map.FirstWriteShard(grainId.Key.ToString());
        try
        {
            if (shard >= map.Shards.Count)
            {
                throw new InconsistentStateException($"shard {shard} is not in the map", grainState.ETag, "");
            }

            await ChangeAtAsync(map, shard, held?.Version, stateName, grainId, grainState, change);
        }
        catch (InconsistentStateException) when (held is { } read)
        {
            var home = await LocateAsync<T>(map, stateName, grainId);
            if (home is not { } moved || moved.Shard == read.Shard || moved.Version != read.Version)
            {
                throw;
            }

            await ChangeAtAsync(map, moved.Shard, read.Version, stateName, grainId, grainState, change);
            LogFollowed(stateName, grainId, read.Shard, moved.Shard);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "State {StateName} of {GrainId} " + FollowedLogLine + " from shard {From} to shard {To}")]
    private partial void LogFollowed(string stateName, GrainId grainId, int from, int to);

    private async Task ChangeAtAsync<T>(ShardMap map, int shard, string? version, string stateName, GrainId grainId, IGrainState<T> grainState, Func<IGrainStorage, string, GrainId, IGrainState<T>, Task> change)
    {
        var inner = new GrainState<T>(grainState.State, version) { RecordExists = grainState.RecordExists };
        await change(await storageOf(map.Shards[shard]), stateName, grainId, inner);
        TakeFrom(inner, shard, grainState);
    }

    /// <summary>Reads one shard into the grain's state; true when that shard has a row for it.</summary>
    private async Task<bool> ReadAtAsync<T>(ShardMap map, int shard, string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var inner = new GrainState<T>();
        await (await storageOf(map.Shards[shard])).ReadStateAsync(stateName, grainId, inner);
        TakeFrom(inner, shard, grainState);
        return inner.ETag is not null;
    }

    /// <summary>What one shard's storage left in <paramref name="inner"/>, with its ETag naming the shard.</summary>
    private static void TakeFrom<T>(GrainState<T> inner, int shard, IGrainState<T> grainState)
    {
        grainState.State = inner.State;
        grainState.RecordExists = inner.RecordExists;
        grainState.ETag = inner.ETag is null ? null : FormatETag(shard, inner.ETag);
    }

    /// <summary>Where a grain's row is now, by the map's read order.</summary>
    private async Task<(int Shard, string Version)?> LocateAsync<T>(ShardMap map, string stateName, GrainId grainId)
    {
        var (first, then) = map.ReadOrder(grainId.Key.ToString());
        var scratch = new GrainState<T>();
        if (await ReadAtAsync(map, first, stateName, grainId, scratch) || (then is { } next && await ReadAtAsync(map, next, stateName, grainId, scratch)))
        {
            return ParseETag(scratch.ETag);
        }

        return null;
    }
}
