using ActorScale.Hosting;
using ActorScale.Storage.Postgres;

namespace ActorScale.Lab.Cluster;

/// <summary>The stateless baseline beside the local cluster: servers that share its Redis and PostgreSQL (and, for <c>read-replica</c>, a streaming replica of it).</summary>
public sealed partial class LocalCluster
{
    /// <summary>
    /// Starts <paramref name="count"/> baseline servers of <paramref name="design"/> (<c>redis-session</c>,
    /// <c>redis-cache</c>, <c>jwt</c>, <c>jwt-denylist</c>, <c>read-replica</c> or the floor <c>noop</c>); the
    /// replica first, for <c>read-replica</c>, when none runs.
    /// </summary>
    public async Task<IReadOnlyList<BaselineServer>> StartBaselineAsync(string design, int count, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        if (design == BaselineDesigns.ReadReplica && !PostgresServer.IsReplicaRunning(state))
        {
            state = await StartReplicaAsync(state, cancellationToken);
        }

        var servers = new BaselineServers(home, state, siloSettings);
        return await output.StepAsync($"{count} baseline server(s), design {design}", () => servers.StartAsync(design, count, cancellationToken));
    }

    /// <summary>Stops the streaming replica (bench, after the <c>read-replica</c> design: no other design pays for it); nothing when none runs.</summary>
    public async Task StopReplicaAsync()
    {
        var state = await RequireRunningAsync();
        if (PostgresServer.IsReplicaRunning(state))
        {
            await output.StepAsync("PostgreSQL replica stopped", () => PostgresServer.StopReplicaAsync(state));
        }

        Update(current => current with { ReplicaPid = 0, ReplicaPort = 0 }, state);
    }

    private async Task<ClusterState> StartReplicaAsync(ClusterState state, CancellationToken cancellationToken)
    {
        var password = home.Secret(home.PostgresReplicationPasswordFile);
        await output.StepAsync(
            "replication role",
            () => PostgresBootstrap.EnsureReplicationRoleAsync(PostgresServer.AdminConnectionString(state.PostgresPort, home.Secret(home.PostgresAdminPasswordFile)), PostgresServer.ReplicationRole, password, cancellationToken));
        var port = NativeProcess.FreeLoopbackPort();
        var (pid, dataDir) = await output.StepAsync(
            $"PostgreSQL streaming replica on 127.0.0.1:{port} (pg_basebackup of the primary, hot standby)",
            () => PostgresServer.StartReplicaAsync(state.PostgresDataDir, state.PostgresPort, password, port, SetupLog));
        return Update(current => current with { ReplicaPort = port, ReplicaPid = pid, ReplicaDataDir = dataDir }, state);
    }
}
