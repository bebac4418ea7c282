using StackExchange.Redis;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A private redis-server on a loopback port, password required, with an append-only file (fsync every second), so a
/// plain restart of Redis keeps the membership table; a table lost anyway is rebuilt by the silos (MembershipRowWatch).
/// </summary>
public static class RedisServer
{
    public const string Program = "redis-server";

    /// <summary>Installs redis-server through apt-get when missing and running as root; otherwise says the exact command.</summary>
    public static Task EnsureInstalledAsync(string logFile) => AptPackage.EnsureInstalledAsync(Program, "redis-server", logFile);

    public static async Task<int> StartAsync(ClusterHome home, int port, string password)
    {
        Directory.CreateDirectory(home.RedisDir);
        var config = Path.Combine(home.RedisDir, "redis.conf");

        // The password lives in a 0600 file, not on the command line where `ps` would show it.
        ClusterHome.WritePrivate(config, string.Join('\n',
            $"port {port}",
            "bind 127.0.0.1",
            "protected-mode yes",
            $"requirepass {password}",
            "save \"\"",
            "appendonly yes",
            "appendfsync everysec",
            $"dir {home.RedisDir}",
            "daemonize no",
            string.Empty));
        var pid = NativeProcess.StartDetached(AptPackage.FindOnPath(Program)!, [config], new Dictionary<string, string>(), Path.Combine(home.LogsDir, "redis.log"));
        await WaitReadyAsync(port, password, pid, TimeSpan.FromSeconds(15), Path.Combine(home.LogsDir, "redis.log"));
        return pid;
    }

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

    public static async Task WaitReadyAsync(int port, string password, int pid, TimeSpan timeout, string log)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await PingAsync(port, password) is null)
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

    /// <summary>Null when Redis answers PING with this password, else why not.</summary>
    public static async Task<string?> PingAsync(int port, string password)
    {
        try
        {
            var options = ConfigurationOptions.Parse($"127.0.0.1:{port},password={password},connectTimeout=1000,abortConnect=true");
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
