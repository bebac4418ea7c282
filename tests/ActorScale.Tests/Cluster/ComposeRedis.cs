using System.Diagnostics;
using System.Globalization;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Runs compose's Redis start script (<c>docker/redis-start.sh</c>) outside a container, as compose would: the users'
/// passwords (and, with TLS, the certificates <c>docker/make-certificates.sh</c> issues) as files named like compose's
/// secrets, on a free loopback port, data and log in the folder given.
/// </summary>
internal static class ComposeRedis
{
    public static async Task<(Process Redis, int Port)> StartAsync(DirectoryInfo folder, IReadOnlyDictionary<string, string> passwords, bool tls, string serviceId, string clusterId)
    {
        await RedisServer.EnsureInstalledAsync(Path.Combine(folder.FullName, "setup.log"));
        var secrets = Directory.CreateDirectory(Path.Combine(folder.FullName, "secrets"));
        foreach (var (user, password) in passwords)
        {
            // As make-secrets.sh writes them, but with the newline an editor would add: the script must ignore it.
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, $"redis_{user}_password"), password + "\n");
        }

        if (tls)
        {
            await IssueCertificatesAsync(folder.FullName);
            foreach (var (secret, file) in new[] { ("redis_tls_cert", "redis.crt"), ("redis_tls_key", "redis.key"), ("cluster_tls_trust", "trust.crt") })
            {
                File.Copy(Path.Combine(folder.FullName, "tls", file), Path.Combine(secrets.FullName, secret));
            }
        }

        var port = NativeProcess.FreeLoopbackPort();
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        var arguments = new[] { tls ? "--tls-port" : "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--logfile", Path.Combine(folder.FullName, "redis.log") };
        foreach (var argument in arguments.Prepend(Path.Combine(SiloRelease.SourceRoot(), "docker", "redis-start.sh")))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ActorScale__Cluster__ServiceId"] = serviceId;
        start.Environment["ActorScale__Cluster__ClusterId"] = clusterId;
        start.Environment["ACTORSCALE_REDIS_USERS"] = Path.Combine(SiloRelease.SourceRoot(), "src", "ActorScale.Lab", "Cluster", "redis-users.conf");
        start.Environment["ACTORSCALE_SECRETS"] = secrets.FullName;
        start.Environment["ACTORSCALE_REDIS_CONF"] = Path.Combine(folder.FullName, "redis.conf");
        start.Environment["ACTORSCALE_REDIS_DATA"] = folder.FullName;
        var redis = Process.Start(start)!;
        await Eventually.ReturnsAsync(
            "compose's Redis to listen",
            async () => redis.HasExited ? $"exited {redis.ExitCode}" : await AcceptsAsync(port) ? "listening" : "not yet",
            state => state != "not yet",
            TimeSpan.FromSeconds(15));
        Assert.False(redis.HasExited, $"redis-start.sh exited {(redis.HasExited ? redis.ExitCode : 0)}; log: {ReadLog(folder)}");
        return (redis, port);
    }

    /// <summary>Stops the script's redis-server (it replaced the script: same process) and deletes the folder.</summary>
    public static async Task StopAsync(Process? redis, DirectoryInfo folder)
    {
        if (redis is { HasExited: false })
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }

        redis?.Dispose();
        folder.Delete(recursive: true);
    }

    /// <summary>The real user id a process runs as (from <c>/proc</c>).</summary>
    public static async Task<int> UidAsync(int pid) =>
        int.Parse((await File.ReadAllLinesAsync($"/proc/{pid}/status")).First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>The <c>redis</c> user's id, which Debian's package creates.</summary>
    public static int RedisUid() =>
        int.Parse(File.ReadAllLines("/etc/passwd").Select(line => line.Split(':')).First(fields => fields[0] == "redis")[2], CultureInfo.InvariantCulture);

    public static int OwnUid() => UidAsync(Environment.ProcessId).GetAwaiter().GetResult();

    /// <summary>The compose script's certificates, in <c>tls/</c> under <paramref name="folder"/>.</summary>
    public static async Task IssueCertificatesAsync(string folder)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SiloRelease.SourceRoot(), "docker", "make-certificates.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ACTORSCALE_SECRETS_DIR"] = folder;
        using var script = Process.Start(start)!;
        var errors = script.StandardError.ReadToEndAsync();
        await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $"make-certificates.sh exited {script.ExitCode}: {await errors}");
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        try
        {
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string ReadLog(DirectoryInfo folder)
    {
        var log = Path.Combine(folder.FullName, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }
}
