using ActorScale.Baseline.Carts;
using ActorScale.Baseline.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace ActorScale.Baseline.Hosting;

/// <summary>
/// Readiness of a baseline server: Redis answers a PING and PostgreSQL (and the replica cart reads go to, if any) has
/// the baseline schema this build needs. The
/// answer, which anyone who reaches the port can read, names what is not ready; a store's error text (hosts, ports, user
/// names) goes to the log only.
/// </summary>
public sealed partial class BaselineReadiness(IConnectionMultiplexer redis, BaselineShards shards, IServiceProvider services, IOptions<BaselineSettings> settings, ILogger<BaselineReadiness> logger) : IReadiness
{
    /// <summary>A store slower than this makes the server not ready. Default 2 s.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public string Name => settings.Value.Name;

    /// <summary>A stateless server has nothing to fence: it asks the stores on every request.</summary>
    public string? Refusal() => null;

    /// <summary>Null when ready, else one line saying why not.</summary>
    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(ex, "Redis");
            return "Redis is not reachable (the server's log has the error)";
        }

        // The floor has no cart reads; every other design has, on the primary or on a replica.
        var reads = services.GetService<CartReads>();
        foreach (var (shard, index) in shards.All.Select((s, i) => (s, i)))
        {
            if (await SchemaProblemAsync(shard, shards.All.Count == 1 ? "PostgreSQL" : $"PostgreSQL shard {index}", cancellationToken) is { } problem)
            {
                return problem;
            }
        }

        return reads?.Replica is { } replica ? await SchemaProblemAsync(replica, "the PostgreSQL replica", cancellationToken) : null;
    }

    private async Task<string?> SchemaProblemAsync(NpgsqlDataSource database, string store, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var command = database.CreateCommand($"SELECT max(version) FROM {BaselineSchema.SchemaName}.schema_version");
            var version = await command.ExecuteScalarAsync(timeout.Token) as int?;
            return version >= BaselineSchema.RequiredVersion
                ? null
                : $"the baseline schema is at version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, this build needs {BaselineSchema.RequiredVersion}: run `ActorScale.Baseline migrate` as the owner role";
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return "the baseline schema is missing: run `ActorScale.Baseline migrate` as the owner role";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(ex, store);
            return $"{store} is not reachable (the server's log has the error)";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Store} did not answer")]
    private partial void LogUnreachable(Exception ex, string store);
}
