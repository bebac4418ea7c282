using System.Net.Sockets;
using ActorScale.Domain.Errors;
using ActorScale.Silo.Hosting;
using ActorScale.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorScale.Tests.Silo.Hosting;

/// <summary>
/// Which storage failures drop pooled connections, against the real PostgreSQL of the cluster fixture: only a dead
/// connection does, and only in the storage's own pool; a slow database (a lock, a command timeout) drops nothing.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class StorageFailureTranslatorTests(RealClusterFixture cluster)
{
    private const string Write = "UPDATE orleans.grain_state SET version = version WHERE false";

    [Fact]
    public async Task WriteState_TableLockedPastTheCommandTimeout_StorageUnavailable_NoPoolLosesItsConnections()
    {
        var storagePool = Pool("storage-lock", commandTimeoutSeconds: 2);
        var otherPool = Pool("other-lock");
        var (storagePid, otherPid) = (await BackendPidAsync(storagePool), await BackendPidAsync(otherPool));
        var translator = new StorageFailureTranslator(new SqlGrainStorage(storagePool, Write), storagePool, NullLogger<StorageFailureTranslator>.Instance);

        ActorScaleException error;
        await using (var locker = new NpgsqlConnection(cluster.Launcher.OwnerConnectionString(cluster.Refresh()) + ";Pooling=false"))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE orleans.grain_state IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            error = await Assert.ThrowsAsync<ActorScaleException>(() => translator.WriteStateAsync("cart", GrainId.Create("test", "lock"), new GrainState<string>()));
            await transaction.RollbackAsync();
        }

        Assert.Equal(ActorScaleErrorCode.StorageUnavailable, error.Code);
        Assert.Equal(otherPid, await BackendPidAsync(otherPool));
        Assert.Equal(storagePid, await BackendPidAsync(storagePool));
    }

    [Fact]
    public async Task ReadState_BackendTerminated_RetriedOnAFreshConnection_OtherPoolsKeepTheirs()
    {
        var storagePool = Pool("storage-kill");
        var otherPool = Pool("other-kill");
        var (storagePid, otherPid) = (await BackendPidAsync(storagePool), await BackendPidAsync(otherPool));
        var translator = new StorageFailureTranslator(new SqlGrainStorage(storagePool, "SELECT 1"), storagePool, NullLogger<StorageFailureTranslator>.Instance);
        await TerminateAsync(storagePid);

        await translator.ReadStateAsync("cart", GrainId.Create("test", "kill"), new GrainState<string>());

        Assert.NotEqual(storagePid, await BackendPidAsync(storagePool));
        Assert.Equal(otherPid, await BackendPidAsync(otherPool));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown, true)]
    [InlineData(PostgresErrorCodes.CrashShutdown, true)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, true)]
    [InlineData(PostgresErrorCodes.QueryCanceled, false)]
    [InlineData(PostgresErrorCodes.LockNotAvailable, false)]
    [InlineData(PostgresErrorCodes.TooManyConnections, false)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    public void IsDeadConnection_ServerError_OnlyTheShutdownStates(string sqlState, bool dead) =>
        Assert.Equal(dead, StorageFailureTranslator.IsDeadConnection(new PostgresException("test", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void IsDeadConnection_StreamOrSocketFailure_True()
    {
        Assert.True(StorageFailureTranslator.IsDeadConnection(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(StorageFailureTranslator.IsDeadConnection(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
    }

    [Fact]
    public void IsDeadConnection_CommandTimeoutOrPoolExhausted_False()
    {
        Assert.False(StorageFailureTranslator.IsDeadConnection(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.False(StorageFailureTranslator.IsDeadConnection(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.False(StorageFailureTranslator.IsDeadConnection(new InvalidOperationException("not a database failure")));
    }

    /// <summary>The app role's connection string with its own pool (pools are per connection string).</summary>
    private string Pool(string name, int commandTimeoutSeconds = 30) =>
        new NpgsqlConnectionStringBuilder(cluster.Launcher.AppConnectionString(cluster.Refresh()))
        {
            ApplicationName = $"test-{name}-{Guid.NewGuid():N}"[..40],
            CommandTimeout = commandTimeoutSeconds,
            MaxPoolSize = 1,
        }.ConnectionString;

    /// <summary>The server process behind the pool's idle connection (a new one when the pool was cleared).</summary>
    private static async Task<int> BackendPidAsync(string pool)
    {
        await using var connection = new NpgsqlConnection(pool);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Ends the backend as a restart would; the app role may signal its own backends.</summary>
    private async Task TerminateAsync(int pid)
    {
        await using var connection = new NpgsqlConnection(cluster.Launcher.AppConnectionString(cluster.Refresh()) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.True((bool)(await command.ExecuteScalarAsync())!, $"backend {pid} was not terminated");
    }
}
