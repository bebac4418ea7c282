using ActorScale.Domain.Errors;
using Npgsql;
using Orleans.Storage;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// Wraps the grain storage provider: a failure (database down, connection reset, timeout) becomes our typed, transient
/// <see cref="ActorScaleErrorCode.StorageUnavailable"/>, also when it happens while a grain activates and reads its
/// state, where no grain code could catch it. ETag conflicts pass through unchanged: grains handle those.
/// </summary>
public sealed partial class StorageFailureTranslator(IGrainStorage inner, ILogger<StorageFailureTranslator> logger) : IGrainStorage
{
    /// <summary>Reads once more after a connection failure: a read is safe to repeat, and the first use of a pooled connection to a restarted server fails.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            NpgsqlConnection.ClearAllPools();
            await GuardAsync("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task GuardAsync(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is not InconsistentStateException and not ActorScaleException)
        {
            LogFailure(ex, operation, stateName, grainId);
            if (IsConnectionFailure(ex))
            {
                // Every pooled connection to a restarted server is dead: drop them all now, not one failed call each.
                NpgsqlConnection.ClearAllPools();
            }

            throw new ActorScaleException(ActorScaleErrorCode.StorageUnavailable, $"storage unavailable ({operation} of {stateName} failed): retry with the same operation id");
        }
    }

    private static bool IsConnectionFailure(Exception ex) =>
        ex is NpgsqlException || ex.InnerException is NpgsqlException || ex is IOException || ex.InnerException is IOException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Operation} of {StateName} for {GrainId} failed")]
    private partial void LogFailure(Exception ex, string operation, string stateName, GrainId grainId);
}
