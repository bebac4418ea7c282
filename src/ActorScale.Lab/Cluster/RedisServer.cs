using ActorScale.Hosting;
using StackExchange.Redis;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A private redis-server on a loopback port with an append-only file (fsync every second), so a plain restart of Redis
/// keeps the membership table; a table lost anyway is rebuilt by the silos (MembershipRowWatch). No password opens it:
/// the default user is off and each kind of process logs in as its own ACL user (<see cref="RedisUsers"/>).
/// </summary>
public static class RedisServer
{
    public const string Program = "redis-server";

    /// <summary>Installs redis-server through apt-get when missing and running as root; otherwise says the exact command.</summary>
    public static Task EnsureInstalledAsync(string logFile) => AptPackage.EnsureInstalledAsync(Program, "redis-server", logFile);

    /// <summary>Starts Redis with the ACL users of the service and cluster whose membership it keeps (their passwords generated on first use).</summary>
    public static async Task<int> StartAsync(ClusterHome home, int port, string serviceId, string clusterId)
    {
        Directory.CreateDirectory(home.RedisDir);
        var config = Path.Combine(home.RedisDir, "redis.conf");

        // Users and their password hashes live in a 0600 file, not on the command line where `ps` would show them. One
        // database: users that may SELECT (StackExchange.Redis does after a transaction) can select only it.
        var users = RedisUsers.Render(serviceId, clusterId, user => home.Secret(home.RedisPasswordFile(user)));
        ClusterHome.WritePrivate(config, string.Join('\n', [
            $"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            "databases 1",
            .. users,
            "save \"\"",
            "appendonly yes",
            "appendfsync everysec",
            $"dir {home.RedisDir}",
            "daemonize no",
            string.Empty]));
        var log = Path.Combine(home.LogsDir, "redis.log");
        var pid = NativeProcess.StartDetached(AptPackage.FindOnPath(Program)!, [config], new Dictionary<string, string>(), log);
        await WaitReadyAsync(home, port, pid, TimeSpan.FromSeconds(15), log);
        return pid;
    }

    /// <summary>How the launcher connects as <see cref="RedisUsers.Admin"/> (PING, INFO); never log it.</summary>
    public static ConfigurationOptions AdminOptions(ClusterHome home, int port) =>
        ConfigurationOptions.Parse(RedisConnection.ConnectionString($"127.0.0.1:{port}", RedisUsers.Admin, home.Secret(home.RedisPasswordFile(RedisUsers.Admin)), mayRunInfo: true));

    /// <summary>Deletes the append-only files: the next start is an empty Redis (the chaos fault "restarted empty").</summary>
    public static void ForgetData(ClusterHome home)
    {
        foreach (var aof in Directory.Exists(home.RedisDir) ? Directory.GetFileSystemEntries(home.RedisDir, "appendonly*") : [])
        {
            if (Directory.Exists(aof))
            {
                Directory.Delete(aof, recursive: true);
            }
            else
            {
                File.Delete(aof);
            }
        }
    }

    public static async Task WaitReadyAsync(ClusterHome home, int port, int pid, TimeSpan timeout, string log)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await PingAsync(home, port) is null)
            {
                return;
            }

            // Confirmed twice: redis-server blanks its command line for an instant while it sets its process title.
            if (await NativeProcess.IsGoneAsync(pid, Program))
            {
                throw new InvalidOperationException($"redis-server exited at start; see {log}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {port} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Null when Redis answers the admin user's PING, else why not.</summary>
    public static async Task<string?> PingAsync(ClusterHome home, int port)
    {
        try
        {
            var options = AdminOptions(home, port);
            options.ConnectTimeout = 1000;
            options.AbortOnConnectFail = true;
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisException ex)
        {
            return ex.Message.Split('\n')[0];
        }
    }
}
