using ActorScale.Hosting;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;
using StackExchange.Redis;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// The launcher's Redis as each of its ACL users sees it, through the bare protocol (so every answer is the server's
/// own): no password opens it as the default user, each user reaches only its keys and commands, and the configuration
/// holds password hashes only. That a cluster still forms and clients still find gateways with these users is what
/// every real-cluster test shows.
/// </summary>
public sealed class RedisAclTests : IAsyncLifetime
{
    private const string ServiceId = "acl-test";
    private const string ClusterId = "c1";
    private static readonly string Membership = ClusterSettings.MembershipKeyOf(ServiceId, ClusterId);
    private static readonly string RejoinLock = $"{ServiceId}/rejoin/{ClusterId}";

    private readonly ClusterHome _home = new(Path.Combine(Path.GetTempPath(), $"actorscale-acl-{Guid.NewGuid():N}"[..28]));
    private int _port;
    private int _pid;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_home.LogsDir);
        await RedisServer.EnsureInstalledAsync(Path.Combine(_home.LogsDir, "setup.log"));
        _port = NativeProcess.FreeLoopbackPort();
        _pid = await RedisServer.StartAsync(_home, _port, ServiceId, ClusterId);
    }

    public async Task DisposeAsync()
    {
        await NativeProcess.StopAsync(_pid, RedisServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10));
        Directory.Delete(_home.Root, recursive: true);
    }

    [Fact]
    public async Task DefaultUser_WithoutLoginOrWithAnyUsersPassword_CanRunNothing()
    {
        await using var anonymous = await RespConnection.OpenAsync(_port);
        Assert.StartsWith("NOAUTH", await anonymous.SendAsync("PING"), StringComparison.Ordinal);
        Assert.StartsWith("NOAUTH", await anonymous.SendAsync("HGETALL", Membership), StringComparison.Ordinal);

        // AUTH with a password only is a login as the default user: the old shared-password style.
        foreach (var user in RedisUsers.All)
        {
            Assert.StartsWith("WRONGPASS", await anonymous.SendAsync("AUTH", Password(user)), StringComparison.Ordinal);
            Assert.StartsWith("WRONGPASS", await anonymous.SendAsync("AUTH", "default", Password(user)), StringComparison.Ordinal);
        }

        Assert.StartsWith("WRONGPASS", await anonymous.SendAsync("AUTH", "default", ""), StringComparison.Ordinal);
        Assert.StartsWith("NOAUTH", await anonymous.SendAsync("FLUSHALL"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientUser_ReadsTheMembership_CannotWriteIt()
    {
        await using var silo = await LogInAsync(RedisUsers.Silo);
        Assert.Equal("1", await silo.SendAsync("HSETNX", Membership, "Version", "0"));
        await using var client = await LogInAsync(RedisUsers.Client);

        Assert.Equal("[2]", await client.SendAsync("HGETALL", Membership));
        foreach (var write in new[]
        {
            new[] { "HSET", Membership, "127.0.0.1:11111@1", "{\"Status\":3}" },
            ["HSETNX", Membership, "127.0.0.1:11111@1", "{\"Status\":3}"],
            ["HSET", Membership, "Version", "7"],
            ["HDEL", Membership, "Version"],
            ["DEL", Membership],
            ["UNLINK", Membership],
            ["SET", RejoinLock, "rogue"],
        })
        {
            Assert.StartsWith("NOPERM", await client.SendAsync(write), StringComparison.Ordinal);
        }

        Assert.Equal("0", await silo.SendAsync("HGET", Membership, "Version"));
    }

    [Theory]
    [InlineData(RedisUsers.Silo)]
    [InlineData(RedisUsers.Client)]
    [InlineData(RedisUsers.Baseline)]
    [InlineData(RedisUsers.Admin)]
    public async Task EveryUser_FlushConfigAclAndKeyListing_Refused(string user)
    {
        await using var redis = await LogInAsync(user);

        foreach (var command in new[]
        {
            new[] { "FLUSHALL" },
            ["FLUSHDB"],
            ["CONFIG", "SET", "appendonly", "no"],
            ["CONFIG", "GET", "requirepass"],
            ["CONFIG", "REWRITE"],
            ["ACL", "SETUSER", "rogue", "on", ">x", "+@all", "~*"],
            ["ACL", "LIST"],
            ["KEYS", "*"],
            ["SCAN", "0"],
            ["SHUTDOWN", "NOSAVE"],
        })
        {
            var answer = await redis.SendAsync(command);
            Assert.True(answer.StartsWith("NOPERM", StringComparison.Ordinal), $"{user}: {string.Join(' ', command)} answered {answer}");
        }

        Assert.Equal("PONG", await redis.SendAsync("PING"));
    }

    [Fact]
    public async Task SiloUser_WritesTheMembershipAndTheRejoinLock_NothingElse()
    {
        await using var silo = await LogInAsync(RedisUsers.Silo);

        Assert.Equal("1", await silo.SendAsync("HSET", Membership, "127.0.0.1:11111@1", "{}"));
        Assert.Equal("OK", await silo.SendAsync("SET", RejoinLock, "silo1", "PX", "30000", "NX"));
        Assert.Equal("1", await silo.SendAsync("UNLINK", RejoinLock));
        Assert.StartsWith("ERR DB index is out of range", await silo.SendAsync("SELECT", "1"), StringComparison.Ordinal);
        foreach (var command in new[]
        {
            new[] { "HGETALL", ClusterSettings.MembershipKeyOf(ServiceId, "other-cluster") },
            ["SET", "bl:s:x", "1"],
            ["GET", "bl:s:x"],
            ["EVAL", "return redis.call('SET', KEYS[1], 'x')", "1", "bl:s:x"],
            ["PUBLISH", "__Booksleeve_MasterChanged", "x"],
            ["INFO"],
        })
        {
            var answer = await silo.SendAsync(command);
            Assert.True(answer.StartsWith("NOPERM", StringComparison.Ordinal), $"silo: {string.Join(' ', command)} answered {answer}");
        }
    }

    [Fact]
    public async Task BaselineUser_OnlyItsOwnKeys_AlsoInsideItsScripts()
    {
        await using var baseline = await LogInAsync(RedisUsers.Baseline);

        Assert.Equal("OK", await baseline.SendAsync("PSETEX", "bl:deny:x", "60000", "1"));
        Assert.Equal("1", await baseline.SendAsync("EVAL", "return redis.call('EXISTS', KEYS[1])", "1", "bl:deny:x"));
        foreach (var command in new[]
        {
            new[] { "HGETALL", Membership },
            ["HSET", Membership, "127.0.0.1:11111@1", "{}"],
            ["EVAL", "return redis.call('HGETALL', KEYS[1])", "1", Membership],
        })
        {
            var answer = await baseline.SendAsync(command);
            Assert.True(answer.StartsWith("NOPERM", StringComparison.Ordinal), $"baseline: {string.Join(' ', command)} answered {answer}");
        }

        // A script runs with its caller's rights: a key it did not declare, or a command its caller may not run, is refused.
        Assert.StartsWith("ERR The user executing the script can't access at least one of the keys", await baseline.SendAsync("EVAL", "return redis.call('HGETALL', ARGV[1])", "0", Membership), StringComparison.Ordinal);
        Assert.StartsWith("ERR The user executing the script can't run this command", await baseline.SendAsync("EVAL", "return redis.call('FLUSHALL')", "0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminUser_PingAndCommandStats_NoKeys()
    {
        await using var admin = await LogInAsync(RedisUsers.Admin);

        Assert.Contains("cmdstat_", await admin.SendAsync("INFO", "commandstats"), StringComparison.Ordinal);
        Assert.StartsWith("NOPERM", await admin.SendAsync("HGETALL", Membership), StringComparison.Ordinal);
        Assert.StartsWith("NOPERM", await admin.SendAsync("GET", "bl:deny:x"), StringComparison.Ordinal);
        Assert.Null(await RedisServer.PingAsync(_home, _port));

        // As the bench's StoreCounters reads them, through StackExchange.Redis.
        var options = RedisServer.AdminOptions(_home, _port);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        Assert.Contains("cmdstat_ping", await redis.GetServers()[0].InfoRawAsync("commandstats"), StringComparison.Ordinal);
        Assert.Contains((await redis.GetServers()[0].InfoAsync("server")).SelectMany(g => g), p => p.Key == "redis_version");
    }

    [Fact]
    public void Configuration_HoldsPasswordHashesOnly_Mode0600()
    {
        var config = Path.Combine(_home.RedisDir, "redis.conf");
        var text = File.ReadAllText(config);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        Assert.DoesNotContain("requirepass", text, StringComparison.Ordinal);
        Assert.Contains("user default off", text, StringComparison.Ordinal);
        foreach (var user in RedisUsers.All)
        {
            Assert.DoesNotContain(Password(user), text, StringComparison.Ordinal);
            Assert.Contains($"user {user} on #{RedisUsers.Hash(Password(user))} ", text, StringComparison.Ordinal);
        }
    }

    private string Password(string user) => _home.Secret(_home.RedisPasswordFile(user));

    private Task<RespConnection> LogInAsync(string user) => RespConnection.LogInAsync(_port, user, Password(user));
}
