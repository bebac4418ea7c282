using Orleans.Storage;

namespace ActorScale.Tests.Silo.Sharding;

/// <summary>
/// An in-memory stand-in for one shard's ADO.NET storage, for unit tests of the sharding logic only: integer versions
/// as ETags and the provider's rules (a write or clear with a version other than the row's, or a first write over an
/// existing row, is an <see cref="InconsistentStateException"/>).
/// </summary>
internal sealed class InMemoryShardStorage : IGrainStorage
{
    public Dictionary<(string State, GrainId Grain), (object? Value, int Version)> Rows { get; } = [];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Rows.TryGetValue((stateName, grainId), out var row))
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = ((T)row.Value!, row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Value is not null);
        }
        else
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (default!, null, false);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Change(stateName, grainId, grainState, grainState.State);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Change(stateName, grainId, grainState, default);

    private Task Change<T>(string stateName, GrainId grainId, IGrainState<T> grainState, T? value)
    {
        var exists = Rows.TryGetValue((stateName, grainId), out var row);
        if (grainState.ETag is null ? exists : !exists || row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != grainState.ETag)
        {
            throw new InconsistentStateException("version conflict", grainState.ETag ?? "", exists ? row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        }

        var version = exists ? row.Version + 1 : 1;
        Rows[(stateName, grainId)] = (value, version);
        (grainState.ETag, grainState.RecordExists) = (version.ToString(System.Globalization.CultureInfo.InvariantCulture), value is not null);
        return Task.CompletedTask;
    }
}
