using Npgsql;
using Orleans.Storage;

namespace ActorScale.Tests.Silo.Hosting;

/// <summary>A grain storage that runs one SQL statement on its own pool for every call, so that a test meets real Npgsql failures.</summary>
public sealed class SqlGrainStorage(string connectionString, string sql) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => RunAsync();

    private async Task RunAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
