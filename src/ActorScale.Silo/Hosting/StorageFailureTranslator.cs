using System.Net.Sockets;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Telemetry;
using Npgsql;
using Orleans.Storage;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// Wraps the grain storage provider: a failure (database down, connection reset, timeout) becomes our typed, transient
/// <see cref="ActorScaleErrorCode.StorageUnavailable"/>, also when it happens while a grain activates and reads its
/// state, where no grain code could catch it. ETag conflicts pass through unchanged: grains handle those.
/// </summary>
/// <param name="inner">The provider.</param>
/// <param name="postgresConnectionStrings">The provider's connection strings when it is PostgreSQL (one per shard: their pools are the ones cleared), else none.</param>
/// <param name="logger">Where failures are logged.</param>
public sealed partial class StorageFailureTranslator(IGrainStorage inner, Func<IEnumerable<string>> postgresConnectionStrings, ILogger<StorageFailureTranslator> logger) : IGrainStorage
{
    public StorageFailureTranslator(IGrainStorage inner, string? postgresConnectionString, ILogger<StorageFailureTranslator> logger)
        : this(inner, () => postgresConnectionString is null ? [] : [postgresConnectionString], logger)
    {
    }

    /// <summary>
    /// The SQLSTATEs of a server that ends its connections (admin_shutdown, crash_shutdown, cannot_connect_now): every
    /// pooled connection to it is dead. Any other server error (a lock or statement timeout, a constraint) is about one
    /// statement and leaves the connection usable.
    /// </summary>
    public static readonly IReadOnlySet<string> ServerShutdownStates = new HashSet<string>(StringComparer.Ordinal)
    {
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
    };

    /// <summary>Reads once more after a dead connection: a read is safe to repeat, and the first use of a pooled connection to a restarted server fails.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception ex) when (IsDeadConnection(ex))
        {
            ClearPool();
            await GuardAsync("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        GuardAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>
    /// True when the connection itself is gone (a socket or stream failure, or the server's shutdown SQLSTATEs), so that
    /// its pool's other idle connections are as dead. A command timeout, an exhausted pool or any other server error is
    /// false: clearing then would make every silo reconnect (and authenticate) at once exactly when PostgreSQL is slow.
    /// </summary>
    public static bool IsDeadConnection(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException:
                    return false;
                case PostgresException postgres:
                    return ServerShutdownStates.Contains(postgres.SqlState);
                case IOException or SocketException:
                    return true;
            }
        }

        return false;
    }

    private async Task GuardAsync(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (InconsistentStateException)
        {
            ActorScaleMetrics.StorageFailures.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("kind", "conflict"));
            throw;
        }
        catch (Exception ex) when (ex is not ActorScaleException)
        {
            ActorScaleMetrics.StorageFailures.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("kind", "unavailable"));
            LogFailure(ex, operation, stateName, grainId);
            if (IsDeadConnection(ex))
            {
                // Every pooled connection to a restarted server is dead: drop them now, not one failed call each.
                ClearPool();
            }

            throw new ActorScaleException(ActorScaleErrorCode.StorageUnavailable, $"storage unavailable ({operation} of {stateName} failed): retry with the same operation id");
        }
    }

    // Only the storage's own pools: other pools of the process (the readiness probe's, say) find out about a restart on
    // their own. With shards, every shard's pool: which server restarted is not known from here.
    private void ClearPool()
    {
        foreach (var connectionString in postgresConnectionStrings())
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Operation} of {StateName} for {GrainId} failed")]
    private partial void LogFailure(Exception ex, string operation, string stateName, GrainId grainId);
}
