using ActorScale.Storage.Postgres;
using ActorScale.Storage.Sharding;

namespace ActorScale.Lab.Cluster;

/// <summary>The grain storage's shard servers and the shard map the silos follow.</summary>
public sealed partial class LocalCluster
{
    /// <summary>The most shard servers a local cluster runs: each is a PostgreSQL of its own on this machine.</summary>
    public const int MaxShards = 8;

    /// <summary>The shard map the silos follow, or null before the first <c>cluster up</c>.</summary>
    public ShardMap? ShardMap() => File.Exists(home.ShardMapFile) ? ShardMapFile.Read(home.ShardMapFile) : null;

    /// <summary>Every shard server's port, shard 0 (the first server) first.</summary>
    public static IReadOnlyList<int> ShardPorts(ClusterState state) => [state.PostgresPort, .. state.Shards.OrderBy(s => s.Index).Select(s => s.Port)];

    /// <summary>Connections to every shard server as the read-only role, shard 0 first (what the chaos check and <c>cluster status</c> read).</summary>
    public IReadOnlyList<string> ShardReaderConnectionStrings(ClusterState state) =>
        [.. ShardPorts(state).Select(port => PostgresServer.ConnectionString(port, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultReaderRole, home.Secret(home.PostgresReaderPasswordFile)))];

    /// <summary>Connections to every shard server as the owner role, shard 0 first (what the resharder moves rows with).</summary>
    public IReadOnlyList<string> ShardOwnerConnectionStrings(ClusterState state) =>
        [.. ShardPorts(state).Select(port => PostgresServer.ConnectionString(port, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultOwnerRole, home.Secret(home.PostgresOwnerPasswordFile)))];

    /// <summary>Connections to every shard server as the application role, shard 0 first (what the seeder writes with).</summary>
    public IReadOnlyList<string> ShardAppConnectionStrings(ClusterState state) =>
        [.. ShardPorts(state).Select(port => PostgresServer.ConnectionString(port, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole, home.Secret(home.PostgresAppPasswordFile)))];

    /// <summary>Writes <paramref name="map"/> with the running servers' addresses and the next epoch; the silos take it within <c>ShardMapWatch.Poll</c>.</summary>
    public ShardMap PublishShardMap(ClusterState state, ShardMap map)
    {
        var published = map with
        {
            Epoch = (ShardMap()?.Epoch ?? 0) + 1,
            Shards = [.. ShardPorts(state).Select(port => PostgresServer.ConnectionString(port, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole))],
        };
        Directory.CreateDirectory(Path.GetDirectoryName(home.ShardMapFile)!);
        ShardMapFile.Write(home.ShardMapFile, published);
        return published;
    }

    /// <summary>Starts shard servers 1 to <paramref name="servers"/> - 1 (creating, bootstrapping and migrating new ones).</summary>
    public async Task<ClusterState> StartShardServersAsync(ClusterState state, int servers, CancellationToken cancellationToken)
    {
        if (servers is < 1 or > MaxShards)
        {
            throw new UsageException($"a local cluster runs 1-{MaxShards} database shards");
        }

        var adminPassword = home.Secret(home.PostgresAdminPasswordFile);
        var roles = Roles();
        for (var shard = state.Shards.Count + 1; shard < servers; shard++)
        {
            var index = shard;
            var port = NativeProcess.FreeLoopbackPort();
            var (pid, dataDir) = await output.StepAsync($"PostgreSQL shard {index} on 127.0.0.1:{port}", () => PostgresServer.StartShardAsync(state.PostgresDataDir, index, port, adminPassword, SetupLog));
            state = Update(current => current with { Shards = [.. current.Shards.Where(s => s.Index != index), new ShardServer(index, port, pid, dataDir)] }, state);
            await PostgresBootstrap.EnsureAsync(PostgresServer.AdminConnectionString(port, adminPassword), roles, cancellationToken);
            await PostgresSchema.MigrateAsync(ShardOwnerConnectionStrings(state)[index], roles.AppRole, roles.ReaderRole, cancellationToken);
        }

        return state;
    }

    /// <summary>The roles every shard server has, with the cluster's generated passwords.</summary>
    private DatabaseRoles Roles() => new(
        DatabaseRoles.DefaultDatabase,
        DatabaseRoles.DefaultOwnerRole,
        home.Secret(home.PostgresOwnerPasswordFile),
        DatabaseRoles.DefaultAppRole,
        home.Secret(home.PostgresAppPasswordFile))
    {
        BaselinePassword = home.Secret(home.PostgresBaselinePasswordFile),
        ReaderPassword = home.Secret(home.PostgresReaderPasswordFile),
    };
}
