namespace ActorScale.Lab.Cluster;

/// <summary>
/// A streaming replica of the cluster's PostgreSQL, for the <c>read-replica</c> design: a fresh <c>pg_basebackup</c> of
/// the primary (as the replication role, its password in a 0600 passfile of the <c>postgres</c> user, never on a command
/// line), with <c>-R</c> so it starts as a hot standby that follows the primary (<c>primary_conninfo</c>), on a loopback
/// port of its own, beside the primary's folder (<c>replica/data</c>, <c>replica/server.log</c>). Read-only for every
/// role: clients read from it as the reader role.
/// </summary>
public static partial class PostgresServer
{
    public const string ReplicationRole = "actorscale_replication";

    /// <summary>Copies the primary and starts the copy as a standby on <paramref name="replicaPort"/>; returns its postmaster's PID and data folder.</summary>
    public static async Task<(int Pid, string DataDir)> StartReplicaAsync(string primaryDataDir, int primaryPort, string replicationPassword, int replicaPort, string logFile)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the local cluster's PostgreSQL runs on Linux only");
        }

        var folder = Path.Combine(Path.GetDirectoryName(primaryDataDir)!, "replica");
        var dataDir = Path.Combine(folder, "data");

        // A standby is only as good as its copy: every start takes a new one (an old copy may need WAL the primary recycled).
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passfile = Path.Combine(folder, ".pgpass");
        ClusterHome.WritePrivate(passfile, $"127.0.0.1:{primaryPort}:*:{ReplicationRole}:{replicationPassword}\n");
        if (NativeProcess.IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], logFile);
        }

        await RunAsPostgresAsync("env", [
            $"PGPASSFILE={passfile}", "pg_basebackup",
            "-h", "127.0.0.1", "-p", primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", ReplicationRole, "-w",
            "-D", dataDir, "-R", "-X", "stream", "-c", "fast"], logFile);
        return (await StartAsync(dataDir, replicaPort, logFile), dataDir);
    }

    /// <summary>The replica's postmaster, recognised by its data folder on its command line.</summary>
    public static bool IsReplicaRunning(ClusterState state) =>
        state.ReplicaDataDir.Length > 0 && NativeProcess.IsRunning(state.ReplicaPid, state.ReplicaDataDir);

    /// <summary>Fast shutdown by PID (SIGINT), then SIGKILL if it lingers.</summary>
    public static Task StopReplicaAsync(ClusterState state) =>
        NativeProcess.StopAsync(state.ReplicaPid, state.ReplicaDataDir, NativeProcess.SigInt, TimeSpan.FromSeconds(30));
}
