using System.Diagnostics;
using ActorScale.Hosting;
using ActorScale.Lab.Cluster;
using StackExchange.Redis;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Compose's Redis with its TLS certificate mounted (<c>docker/redis-start.sh</c>, run here without a container, with the
/// certificates of <c>docker/make-certificates.sh</c>): TLS only, and a client with <c>RedisTrustFile</c> verifies it
/// against the cluster's authority, as the silos and the console do in compose.
/// </summary>
public sealed class ComposeRedisTlsTests : IAsyncLifetime
{
    private const string ServiceId = "actorscale";
    private const string ClusterId = "compose";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("as-compose-redis-tls-");
    private readonly Dictionary<string, string> _passwords = new()
    {
        [RedisUsers.Client] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)),
    };

    private Process? _redis;
    private int _port;

    private string Trust => Path.Combine(_folder.FullName, "tls", "trust.crt");

    public async Task InitializeAsync() =>
        (_redis, _port) = await ComposeRedis.StartAsync(_folder, _passwords, tls: true, ServiceId, ClusterId);

    public Task DisposeAsync() => ComposeRedis.StopAsync(_redis, _folder);

    [Fact]
    public async Task ClientWithTheClusterAuthority_ConnectsOverTls_AndReadsTheTable()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Client(Trust).RedisOptions());

        Assert.True(redis.IsConnected);
        Assert.Empty(await redis.GetDatabase().HashGetAllAsync(ClusterSettings.MembershipKeyOf(ServiceId, ClusterId)));
    }

    [Fact]
    public async Task PlaintextClient_IsRefused()
    {
        var options = Client(trustFile: null).RedisOptions();
        options.AbortOnConnectFail = true;

        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    [Fact]
    public async Task ClientTrustingAnotherAuthority_RefusesTheServer()
    {
        var other = Directory.CreateDirectory(Path.Combine(_folder.FullName, "other"));
        await ComposeRedis.IssueCertificatesAsync(other.FullName);
        var options = Client(Path.Combine(other.FullName, "tls", "trust.crt")).RedisOptions();
        options.AbortOnConnectFail = true;

        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    [Fact]
    public async Task ClientOfAServerNamedOtherwise_RefusesIt()
    {
        // The certificate names redis, localhost and 127.0.0.1: a client that asks for silo1 must not take it.
        var options = Client(Trust).RedisOptions();
        options.AbortOnConnectFail = true;
        options.SslHost = "silo1";

        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    private ClusterSettings Client(string? trustFile) => new()
    {
        ServiceId = ServiceId,
        ClusterId = ClusterId,
        Redis = $"127.0.0.1:{_port}",
        RedisUser = RedisUsers.Client,
        RedisPassword = _passwords[RedisUsers.Client],
        RedisTrustFile = trustFile,
    };
}
