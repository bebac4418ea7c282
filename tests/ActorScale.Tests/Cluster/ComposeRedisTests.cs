using System.Diagnostics;
using System.Globalization;
using ActorScale.Hosting;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Compose's Redis start script (<c>docker/redis-start.sh</c>), run here without a container: it gives Redis the launcher's
/// users, for the secrets it finds, hashed, and leaves every password off the command line.
/// </summary>
public sealed class ComposeRedisTests : IAsyncLifetime
{
    private const string ServiceId = "actorscale";
    private const string ClusterId = "compose";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("as-compose-redis-");
    private readonly Dictionary<string, string> _passwords = new()
    {
        [RedisUsers.Silo] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
        [RedisUsers.Client] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
    };

    private Process? _redis;
    private int _port;

    private string Config => Path.Combine(_folder.FullName, "redis.conf");

    public async Task InitializeAsync() =>
        (_redis, _port) = await ComposeRedis.StartAsync(_folder, _passwords, tls: false, ServiceId, ClusterId);

    public Task DisposeAsync() => ComposeRedis.StopAsync(_redis, _folder);

    [Fact]
    public void Configuration_IsTheLaunchersUsersForTheMountedSecrets_HashesOnly()
    {
        var lines = File.ReadAllLines(Config).Where(line => line.StartsWith("user ", StringComparison.Ordinal)).ToList();

        Assert.Equal(RedisUsers.Render(ServiceId, ClusterId, user => _passwords.GetValueOrDefault(user)), lines);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config));
        Assert.All(_passwords.Values, password => Assert.DoesNotContain(password, File.ReadAllText(Config), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith($"user {RedisUsers.Baseline} ", StringComparison.Ordinal) || line.StartsWith($"user {RedisUsers.Admin} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommandLine_HoldsNoPassword()
    {
        // The script replaced itself with redis-server (exec): same PID.
        var commandLine = (await File.ReadAllTextAsync($"/proc/{_redis!.Id}/cmdline")).Replace('\0', ' ');

        Assert.Contains("redis-server", commandLine, StringComparison.Ordinal);
        Assert.All(_passwords.Values, password => Assert.DoesNotContain(password, commandLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_StartedAsRoot_RunsAsTheRedisUser()
    {
        var uid = await ComposeRedis.UidAsync(_redis!.Id);

        // As root (CI, a container) the script hands Redis to the redis user; as anyone else it cannot, and runs as them.
        Assert.Equal(Environment.UserName == "root" ? ComposeRedis.RedisUid() : ComposeRedis.OwnUid(), uid);
    }

    [Fact]
    public async Task Users_SiloWritesTheTable_ClientOnlyReadsIt_DefaultNothing()
    {
        var table = ClusterSettings.MembershipKeyOf(ServiceId, ClusterId);
        await using var silo = await RespConnection.LogInAsync(_port, RedisUsers.Silo, _passwords[RedisUsers.Silo]);
        await using var client = await RespConnection.LogInAsync(_port, RedisUsers.Client, _passwords[RedisUsers.Client]);
        await using var anonymous = await RespConnection.OpenAsync(_port);

        Assert.Equal("1", await silo.SendAsync("HSETNX", table, "Version", "0"));
        Assert.Equal("[2]", await client.SendAsync("HGETALL", table));
        Assert.StartsWith("NOPERM", await client.SendAsync("HSET", table, "Version", "1"), StringComparison.Ordinal);
        Assert.StartsWith("NOPERM", await silo.SendAsync("FLUSHALL"), StringComparison.Ordinal);
        Assert.StartsWith("NOAUTH", await anonymous.SendAsync("HGETALL", table), StringComparison.Ordinal);
        Assert.StartsWith("WRONGPASS", await anonymous.SendAsync("AUTH", RedisUsers.Baseline, "anything"), StringComparison.Ordinal);
    }
}
