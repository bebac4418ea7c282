using System.Diagnostics;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using Npgsql;
using StackExchange.Redis;

namespace ActorScale.Lab.Bench;

/// <summary>
/// Reads the counters a window is measured with: Redis <c>INFO commandstats</c>, PostgreSQL <c>pg_stat_statements</c>
/// (statements of the application role only: the silos and the baseline servers, not this tool) and CPU time of the
/// processes involved. Connects as the cluster's admin users; never prints a password.
/// </summary>
public sealed class StoreCounters : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly IServer _redisServer;
    private readonly NpgsqlDataSource _postgres;

    private StoreCounters(ConnectionMultiplexer redis, NpgsqlDataSource postgres, bool statementsAvailable)
    {
        _redis = redis;
        _redisServer = redis.GetServers()[0];
        _postgres = postgres;
        StatementsAvailable = statementsAvailable;
    }

    /// <summary>False when PostgreSQL runs without pg_stat_statements: statement counts are then reported as n/a.</summary>
    public bool StatementsAvailable { get; }

    public static async Task<StoreCounters> ConnectAsync(ClusterHome home, ClusterState state)
    {
        var options = RedisServer.AdminOptions(home, state.RedisPort);
        options.AllowAdmin = true;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString(state.PostgresPort, home.Secret(home.PostgresAdminPasswordFile)))
        {
            Database = DatabaseRoles.DefaultDatabase,
            Pooling = true,
        };
        var postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        bool available;
        try
        {
            await using var create = postgres.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await create.ExecuteNonQueryAsync();
            available = true;
        }
        catch (PostgresException)
        {
            available = false;
        }

        return new StoreCounters(redis, postgres, available);
    }

    public async Task<CounterSnapshot> SnapshotAsync(IReadOnlyList<CpuGroup> processes)
    {
        var redis = RedisCommandStats.Parse(await _redisServer.InfoRawAsync("commandstats") ?? "");
        var statements = StatementsAvailable ? await StatementsAsync() : new Dictionary<long, (string, long)>();
        var cpu = ProcessCpu.Snapshot(processes);
        using var self = Process.GetCurrentProcess();
        return new CounterSnapshot(redis, statements, cpu, self.TotalProcessorTime.TotalSeconds);
    }

    public async Task<string> RedisVersionAsync() =>
        (await _redisServer.InfoAsync("server")).SelectMany(g => g).FirstOrDefault(p => p.Key == "redis_version").Value ?? "?";

    public async Task<string> PostgresVersionAsync()
    {
        await using var command = _postgres.CreateCommand("SHOW server_version");
        return (string?)await command.ExecuteScalarAsync() ?? "?";
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private async Task<Dictionary<long, (string Query, long Calls)>> StatementsAsync()
    {
        await using var command = _postgres.CreateCommand(
            "SELECT s.queryid, s.query, s.calls FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = ANY($1) AND s.queryid IS NOT NULL");

        // The silos' role and the baseline servers' role: the statements of the design under test (one runs at a time).
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { DatabaseRoles.DefaultAppRole, DatabaseRoles.DefaultBaselineRole } });
        var result = new Dictionary<long, (string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var calls = reader.GetInt64(2);
            result[id] = result.TryGetValue(id, out var existing) ? (existing.Item1, existing.Item2 + calls) : (reader.GetString(1), calls);
        }

        return result;
    }
}
