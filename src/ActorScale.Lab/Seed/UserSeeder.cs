using System.Diagnostics;
using System.Text.Json;
using ActorScale.Abstractions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Storage;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace ActorScale.Lab.Seed;

/// <summary>
/// <c>actorscale seed</c>: writes N users straight into the grain state table, each with an account, one live session
/// and a cart of one line, in the rows the silos' storage provider reads: the same identity columns, the same JSON
/// (<see cref="StateJson"/>, the silos' serializer options), version 1. One password hash serves every seeded user (the
/// bulk path: hashing a million passwords would take hours), and one COPY stream writes the rows.
/// </summary>
public static class UserSeeder
{
    public const string Password = "seeded-password";

    public static async Task<(int Users, double Seconds)> SeedAsync(LocalCluster cluster, int count, string prefix, byte[] key, int passwordIterations, Action<int> progress, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var now = DateTimeOffset.UtcNow;
        var hash = PasswordHasher.Hash(Password, passwordIterations);
        var clock = Stopwatch.StartNew();
        var map = cluster.ShardMap();
        if (map is { Resharding: true })
        {
            throw new UsageException($"a resharding to {map.Target} shards is in progress: finish it (`actorscale db reshard --to {map.Target}`) before seeding");
        }

        // One COPY stream per shard, each user's rows on the shard its key hashes to.
        var shards = cluster.ShardAppConnectionStrings(state);
        var writers = new List<(NpgsqlConnection Connection, NpgsqlBinaryImporter Writer)>();
        try
        {
            foreach (var shard in shards.Take(map?.Count ?? 1))
            {
                // A connection of its own, not from the pool: one COPY per seeding gains nothing from pooling, and a pooled
                // connection may be one whose server was restarted or whose backend was terminated since (57P01 on first use).
                var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(shard) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                writers.Add((connection, await connection.BeginBinaryImportAsync(
                    $"COPY {PostgresSchema.SchemaName}.grain_state (service_id, state_name, grain_n0, grain_n1, grain_ext, payload, version) FROM STDIN (FORMAT BINARY)", cancellationToken)));
            }

            for (var i = 0; i < count; i++)
            {
                var user = SeedTokens.UserId(prefix, i);
                var writer = writers[map?.FirstWriteShard(UserKey.For(user)) ?? 0].Writer;
                var session = new UserSessionState
                {
                    PasswordHash = hash,
                    RegisteredAt = now,
                    Sessions = [new SessionRecord { Digest = TokenSecrets.Digest(SeedTokens.Secret(key, user)), CreatedAt = now, ExpiresAt = now.AddHours(24), LastSeenAt = now }],
                    Version = 1,
                };
                var cart = new CartState { Version = 1, Lines = [new CartLineState { Sku = "mug-actor", Quantity = 1 }] };
                await WriteRowAsync(writer, state.ServiceId, StateNames.Session, user, JsonSerializer.SerializeToUtf8Bytes(session, StateJson.Options), cancellationToken);
                await WriteRowAsync(writer, state.ServiceId, StateNames.Cart, user, JsonSerializer.SerializeToUtf8Bytes(cart, StateJson.Options), cancellationToken);
                if ((i + 1) % 50_000 == 0)
                {
                    progress(i + 1);
                }
            }

            foreach (var (_, writer) in writers)
            {
                await writer.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var (connection, writer) in writers)
            {
                await writer.DisposeAsync();
                await connection.DisposeAsync();
            }
        }

        return (count, clock.Elapsed.TotalSeconds);
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter writer, string serviceId, string stateName, string user, byte[] payload, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(serviceId, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(stateName, NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(UserKey.For(user), NpgsqlDbType.Varchar, cancellationToken);
        await writer.WriteAsync(payload, NpgsqlDbType.Bytea, cancellationToken);
        await writer.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
    }
}
