using ActorScale.Storage.Postgres;
using Orleans.Runtime;

namespace ActorScale.Lab.Cluster;

/// <summary>Builds <see cref="ClusterStatusReport"/>: processes by PID, membership from Redis, activations from the management grain.</summary>
public static class ClusterInspector
{
    public static async Task<ClusterStatusReport> InspectAsync(LocalCluster cluster, ClusterState state, Func<Task<IClusterClient>>? connect)
    {
        var home = cluster.Home;
        var redisProblem = await RedisServer.PingAsync(home, state.RedisPort);
        var redis = new ServiceHealth($"127.0.0.1:{state.RedisPort}", state.RedisPid, redisProblem is null, redisProblem ?? "PING ok");

        ServiceHealth postgres;
        try
        {
            var version = await PostgresSchema.GetVersionAsync(cluster.ReaderConnectionString(state));
            postgres = new ServiceHealth($"127.0.0.1:{state.PostgresPort}", state.PostgresPid, version == PostgresSchema.RequiredVersion, $"schema version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"} (application role)");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            postgres = new ServiceHealth($"127.0.0.1:{state.PostgresPort}", state.PostgresPid, false, ex.Message.Split('\n')[0]);
        }

        IReadOnlyList<MembershipEntry> members = [];
        if (redisProblem is null)
        {
            members = await RedisMembership.ReadAsync(state.ClientSettings(home).RedisOptions(), state.ServiceId, state.ClusterId);
        }

        var activations = new Dictionary<string, Dictionary<string, int>>();
        if (connect is not null && members.Any(m => m.Status == "Active"))
        {
            try
            {
                var client = await connect();
                foreach (var stat in await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
                {
                    if (!stat.GrainType.StartsWith("ActorScale.", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var type = stat.GrainType.Split(',')[0].Split('.')[^1];
                    var perSilo = activations.TryGetValue(Endpoint(stat.SiloAddress.ToString()), out var found) ? found : activations[Endpoint(stat.SiloAddress.ToString())] = [];
                    perSilo[type] = perSilo.GetValueOrDefault(type) + stat.ActivationCount;
                }
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or ClusterUnavailableException)
            {
                // Status still shows processes and membership when no gateway answers.
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var routing = await Task.WhenAll(state.Silos.Select(s => s.HttpPort > 0 && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName) ? SiloRoutingCounts.ReadAsync(http, s) : Task.FromResult<SiloRoutingCounts?>(null)));
        var (rates, p99s, prometheus) = await ServingAsync(state);
        var silos = state.Silos.Select((s, i) =>
        {
            var row = members.Where(m => m.SiloName == s.Name).OrderByDescending(m => m.StartTime).FirstOrDefault();
            var address = row?.SiloAddress ?? $"127.0.0.1:{s.SiloPort}";
            return new SiloStatus(
                s.Name,
                address,
                s.Pid,
                NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName),
                row?.Status ?? "absent",
                $"127.0.0.1:{s.GatewayPort}",
                activations.GetValueOrDefault(Endpoint(address)) ?? new Dictionary<string, int>(),
                s.HttpPort > 0 ? LocalCluster.HttpAddress(s.HttpPort) : "-",
                routing[i],
                rates.TryGetValue(s.Name, out var rate) ? rate : null,
                p99s.TryGetValue(s.Name, out var p99) ? p99 * 1000 : null);
        }).ToList();
        var lb = NativeProcess.IsRunning(state.LbPid, NginxServer.Program) ? state.BalancerAddress : null;
        var map = cluster.ShardMap();
        var mapLine = map is null ? null : map.Resharding
            ? $"epoch {map.Epoch}: resharding {map.Count} → {map.Target} shards ({map.Phase}); finish it with `actorscale db reshard --to {map.Target}`"
            : $"epoch {map.Epoch}: users on {map.Count} shard(s) by jump hash";
        var dashboard = state.Monitoring && File.Exists(home.DashboardPasswordFile) && state.Silos.FirstOrDefault(s => s.MetricsPort > 0 && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)) is { } first
            ? $"{LocalCluster.HttpAddress(first.MetricsPort)}/dashboard/"
            : null;
        return new ClusterStatusReport(home.Root, silos, redis, postgres, lb, await ShardsAsync(cluster, state, map), mapLine, dashboard, prometheus);
    }

    /// <summary>Each silo's requests per second and p99 (seconds) from the cluster's Prometheus; empty, with why, when it does not answer.</summary>
    private static async Task<(IReadOnlyDictionary<string, double> Rates, IReadOnlyDictionary<string, double> P99s, string? Prometheus)> ServingAsync(ClusterState state)
    {
        if (!NativeProcess.IsRunning(state.PrometheusPid, PrometheusServer.Program))
        {
            return (new Dictionary<string, double>(), new Dictionary<string, double>(), state.PrometheusPid > 0 ? $"127.0.0.1:{state.PrometheusPort} pid {state.PrometheusPid}: not running" : null);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var api = new PrometheusApi(http, state.PrometheusPort);
        try
        {
            var rates = await api.BySiloAsync(PrometheusServer.RequestRate);
            var p99s = await api.BySiloAsync(PrometheusServer.LatencyP99);
            return (rates, p99s, $"{api.Address} pid {state.PrometheusPid}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return (new Dictionary<string, double>(), new Dictionary<string, double>(), $"{api.Address} pid {state.PrometheusPid}: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Users, rows and writes on each shard server, read as the read-only role.</summary>
    private static async Task<IReadOnlyList<ShardStatus>> ShardsAsync(LocalCluster cluster, ClusterState state, ActorScale.Storage.Sharding.ShardMap? map)
    {
        var ports = LocalCluster.ShardPorts(state);
        var readers = cluster.ShardReaderConnectionStrings(state);
        var shards = new List<ShardStatus>();
        for (var i = 0; i < ports.Count; i++)
        {
            var pid = i == 0 ? state.PostgresPid : state.Shards.First(s => s.Index == i).Pid;
            var role = map is null ? "users"
                : i < map.Count ? (map.Resharding && i >= map.Target ? "moving out" : "users")
                : i < map.Target && map.Resharding ? "moving in" : "spare";
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(readers[i]) { Pooling = false, Timeout = 2 }.ConnectionString);
                await connection.OpenAsync();
                await using var query = new Npgsql.NpgsqlCommand(
                    $"""
                    SELECT count(DISTINCT grain_ext), count(*),
                           (SELECT coalesce(n_tup_ins + n_tup_upd, 0) FROM pg_stat_user_tables WHERE schemaname = '{PostgresSchema.SchemaName}' AND relname = 'grain_state')
                    FROM {PostgresSchema.SchemaName}.grain_state
                    """,
                    connection);
                await using var reader = await query.ExecuteReaderAsync();
                await reader.ReadAsync();
                shards.Add(new ShardStatus(i, $"127.0.0.1:{ports[i]}", pid, role, reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2), null));
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                shards.Add(new ShardStatus(i, $"127.0.0.1:{ports[i]}", pid, role, null, null, null, ex.Message.Split('\n')[0]));
            }
        }

        return shards;
    }

    /// <summary><c>S127.0.0.1:11111:123456</c> and <c>127.0.0.1:11111@123456</c> both become <c>127.0.0.1:11111</c>.</summary>
    private static string Endpoint(string siloAddress)
    {
        var text = siloAddress.TrimStart('S').Split('@')[0];
        var parts = text.Split(':');
        return parts.Length >= 2 ? $"{parts[0]}:{parts[1]}" : text;
    }
}
