namespace ActorScale.Lab.Cluster;

/// <summary>
/// The grain storage's further shard servers (<c>cluster up --db-shards</c>, <c>db reshard</c>): each a PostgreSQL of
/// its own beside the first one's folder (<c>shard-K/data</c>, <c>shard-K/server.log</c>), with the same superuser
/// password, roles and schema, on a loopback port of its own. Its data stays across <c>cluster down</c> like the first's.
/// </summary>
public static partial class PostgresServer
{
    /// <summary>Starts shard <paramref name="shard"/> (1 or more; 0 is the first server), creating its data on first use; returns its PID and data folder.</summary>
    public static async Task<(int Pid, string DataDir)> StartShardAsync(string primaryDataDir, int shard, int port, string adminPassword, string logFile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shard, 1);
        var folder = Path.Combine(Path.GetDirectoryName(primaryDataDir)!, $"shard-{shard}");
        var dataDir = Path.Combine(folder, "data");
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (NativeProcess.IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", folder], logFile);
            }
        }

        await InitAsync(dataDir, adminPassword, logFile);
        return (await StartAsync(dataDir, port, logFile), dataDir);
    }

    /// <summary>A shard's postmaster, recognised by its data folder on its command line.</summary>
    public static bool IsRunning(ShardServer shard) => shard.DataDir.Length > 0 && NativeProcess.IsRunning(shard.Pid, shard.DataDir);

    /// <summary>Fast shutdown by PID (SIGINT), then SIGKILL if it lingers.</summary>
    public static Task StopAsync(ShardServer shard) =>
        NativeProcess.StopAsync(shard.Pid, shard.DataDir, NativeProcess.SigInt, TimeSpan.FromSeconds(30));
}
