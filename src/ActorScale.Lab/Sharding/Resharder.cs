using System.Diagnostics;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using ActorScale.Storage.Sharding;
using Npgsql;

namespace ActorScale.Lab.Sharding;

/// <summary>
/// <c>actorscale db reshard --to M</c>: moves a running cluster's users to M shards while it serves. Every running silo
/// must acknowledge each phase of the map (<see cref="ReshardPhase"/>) before the next is published; then each row
/// whose user now hashes to another shard is copied there with its version and deleted from the old shard only if it
/// still has that version (a grain that wrote it meanwhile keeps it there, and the row is copied again). A grain that
/// read a row before it moved follows it on its next write (<c>ShardedGrainStorage</c>). Killed at any point, the run
/// is resumed by the same command: every step is idempotent, and the map records where it stood.
/// </summary>
/// <param name="cluster">The local cluster.</param>
/// <param name="output">Where progress goes.</param>
public sealed class Resharder(LocalCluster cluster, ILabOutput output)
{
    /// <summary>How long each running silo has to take a new map (its storage calls under the old one must end first).</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Arbitrary constant for <c>pg_try_advisory_lock</c> on shard 0: one resharding at a time, released when its process dies.</summary>
    public const long LockKey = 0x52657368617264;

    private const string Key = "service_id = @service AND state_name = @state AND grain_n0 = 0 AND grain_n1 = 0 AND grain_ext_key = '+' || @ext";

    /// <param name="target">The shard count to move to.</param>
    /// <param name="rowsPerSecond">At most this many rows moved per second (0: as fast as the databases take them), so the move does not crowd out the live load.</param>
    /// <param name="cancellationToken">Stops the run; it is resumed by running it again.</param>
    public async Task<ReshardResult> RunAsync(int target, double rowsPerSecond, CancellationToken cancellationToken)
    {
        if (target is < 1 or > LocalCluster.MaxShards)
        {
            throw new UsageException($"--to {target}: a local cluster runs 1-{LocalCluster.MaxShards} database shards");
        }

        var state = await cluster.RequireRunningAsync();
        var map = cluster.ShardMap() ?? throw new UsageException("this cluster has no shard map (started by an older build): `cluster down`, then `cluster up` again");
        await using var guard = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ShardOwnerConnectionStrings(state)[0]) { Pooling = false }.ConnectionString);
        await guard.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", guard))
        {
            if (await take.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new UsageException("another `db reshard` is running on this cluster");
            }
        }

        if (map.Resharding && map.Target != target)
        {
            throw new UsageException($"a resharding from {map.Count} to {map.Target} shards was interrupted: finish it first with `actorscale db reshard --to {map.Target}`");
        }

        var from = map.Count;
        if (!map.Resharding && map.Count == target)
        {
            output.Say($"[grey]the cluster's users are on {target} shard(s) already[/]");
            return new ReshardResult(from, target, 0, 0, 0, false, 0);
        }

        var resumed = map.Resharding;
        var clock = Stopwatch.StartNew();
        state = await cluster.StartShardServersAsync(state, Math.Max(map.Shards.Count, target), cancellationToken);
        if (map.Phase == ReshardPhase.Stable)
        {
            map = await PublishAsync(state, map with { Target = target, Phase = ReshardPhase.Preparing }, cancellationToken);
        }

        // From Preparing to Moving; a resumed Moving is published again so that every running silo is known to run it.
        map = await PublishAsync(state, map with { Phase = ReshardPhase.Moving }, cancellationToken);
        var (users, rows, retried) = await MoveAllAsync(state, map, rowsPerSecond, cancellationToken);
        await PublishAsync(state, map with { Count = target, Phase = ReshardPhase.Stable }, cancellationToken);
        return new ReshardResult(from, target, users, rows, retried, resumed, Math.Round(clock.Elapsed.TotalSeconds, 2));
    }

    /// <summary>Publishes the map and waits until every running silo runs it.</summary>
    private async Task<ShardMap> PublishAsync(ClusterState state, ShardMap map, CancellationToken cancellationToken)
    {
        var published = cluster.PublishShardMap(state, map);
        await output.StepAsync($"shard map epoch {published.Epoch} ({published.Phase}, {published.Count} → {published.Target} shards) taken by every running silo", async () =>
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var running = (await cluster.RequireRunningAsync()).Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName));
                var behind = running.Where(s => ShardMapFile.Acknowledged(cluster.Home.ShardMapFile, s.Name) < published.Epoch).Select(s => s.Name).ToList();
                if (behind.Count == 0)
                {
                    return 0;
                }

                if (deadline.Elapsed > AckTimeout)
                {
                    throw new TimeoutException($"{string.Join(", ", behind)} did not take shard map epoch {published.Epoch} within {AckTimeout.TotalSeconds:0} s (see the silo logs); run the same command again to resume");
                }

                await Task.Delay(ShardMapWatchPoll, cancellationToken);
            }
        });
        return published;
    }

    private static readonly TimeSpan ShardMapWatchPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Passes over every shard until one moves nothing: a row belongs on the shard its user hashes to among <see cref="ShardMap.Target"/>.</summary>
    private async Task<(int Users, int Rows, int Retried)> MoveAllAsync(ClusterState state, ShardMap map, double rowsPerSecond, CancellationToken cancellationToken)
    {
        var owners = cluster.ShardOwnerConnectionStrings(state);
        var connections = new List<NpgsqlConnection>();
        try
        {
            foreach (var owner in owners.Take(map.Shards.Count))
            {
                var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Pooling = false, CommandTimeout = 10 }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                connections.Add(connection);
            }

            var users = new HashSet<string>(StringComparer.Ordinal);
            var (rows, retried) = (0, 0);
            var pace = Stopwatch.StartNew();
            int movedInPass;
            do
            {
                movedInPass = 0;
                for (var shard = 0; shard < connections.Count; shard++)
                {
                    foreach (var (service, stateName, key) in await KeysAsync(connections[shard], cancellationToken))
                    {
                        var home = ShardHash.ShardOf(key, map.Target);
                        if (home == shard)
                        {
                            continue;
                        }

                        var (moved, again) = await MoveAsync(connections[shard], connections[home], service, stateName, key, cancellationToken);
                        retried += again;
                        if (moved)
                        {
                            (rows, movedInPass) = (rows + 1, movedInPass + 1);
                            users.Add(key);
                            if (rows == 1 || rows % 50 == 0)
                            {
                                output.Say($"[grey]·[/] moved {rows} rows of {users.Count} users");
                            }

                            if (rowsPerSecond > 0 && pace.Elapsed.TotalSeconds < rows / rowsPerSecond)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(rows / rowsPerSecond) - pace.Elapsed, cancellationToken);
                            }
                        }
                    }
                }
            }
            while (movedInPass > 0);

            output.Say($"[green]moved[/] {rows} rows of {users.Count} users ({retried} copied again after a write)");
            return (users.Count, rows, retried);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The string-keyed rows of one shard (the only key shape our grains use).</summary>
    private static async Task<List<(string Service, string State, string Key)>> KeysAsync(NpgsqlConnection shard, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand($"SELECT service_id, state_name, grain_ext FROM {PostgresSchema.SchemaName}.grain_state WHERE grain_n0 = 0 AND grain_n1 = 0 AND grain_ext IS NOT NULL", shard);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var keys = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    /// <summary>Copy with its version, then delete only that version: a write in between wins and the row is copied again.</summary>
    private static async Task<(bool Moved, int Retried)> MoveAsync(NpgsqlConnection from, NpgsqlConnection to, string service, string stateName, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            byte[]? payload;
            int version;
            await using (var read = Command(from, $"SELECT payload, version FROM {PostgresSchema.SchemaName}.grain_state WHERE {Key}", service, stateName, key))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return (false, attempt);
                }

                payload = reader.IsDBNull(0) ? null : (byte[])reader[0];
                version = reader.GetInt32(1);
            }

            await using (var copy = Command(to, $"""
                INSERT INTO {PostgresSchema.SchemaName}.grain_state (service_id, state_name, grain_n0, grain_n1, grain_ext, payload, version)
                VALUES (@service, @state, 0, 0, @ext, @payload, @version)
                ON CONFLICT ON CONSTRAINT grain_state_pk DO UPDATE SET payload = EXCLUDED.payload, version = EXCLUDED.version, modified_on = now()
                """, service, stateName, key))
            {
                copy.Parameters.Add(new NpgsqlParameter("payload", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = (object?)payload ?? DBNull.Value });
                copy.Parameters.AddWithValue("version", version);
                await copy.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var delete = Command(from, $"DELETE FROM {PostgresSchema.SchemaName}.grain_state WHERE {Key} AND version = @version", service, stateName, key);
            delete.Parameters.AddWithValue("version", version);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return (true, attempt);
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string service, string stateName, string key)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("service", service);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("ext", key);
        return command;
    }
}
