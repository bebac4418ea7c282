using ActorScale.Baseline.Carts;
using ActorScale.Domain.Carts;
using ActorScale.Hosting;
using ActorScale.Lab.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ActorScale.Tests.Baseline;

/// <summary>
/// <c>redis-cache</c>'s cart cache on a real Redis, as the <c>baseline</c> ACL user the launcher writes: a cart is
/// never replaced by an older version (the cache-aside race of a slow reader's fill after a writer's store).
/// </summary>
public sealed class RedisCartCacheTests : IAsyncLifetime
{
    private readonly ClusterHome _home = new(Path.Combine(Path.GetTempPath(), $"actorscale-cache-{Guid.NewGuid():N}"[..30]));
    private int _pid;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_home.LogsDir);
        await RedisServer.EnsureInstalledAsync(Path.Combine(_home.LogsDir, "setup.log"));
        var port = NativeProcess.FreeLoopbackPort();
        _pid = await RedisServer.StartAsync(_home, port, "actorscale", "cache");
        _redis = await ConnectionMultiplexer.ConnectAsync(
            RedisConnection.ConnectionString($"127.0.0.1:{port}", RedisUsers.Baseline, _home.Secret(_home.RedisPasswordFile(RedisUsers.Baseline))));
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await NativeProcess.StopAsync(_pid, RedisServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(5));
        Directory.Delete(_home.Root, recursive: true);
    }

    [Fact]
    public async Task SlowReadersFill_AfterAWritersStore_KeepsTheWritersNewerCart()
    {
        var cache = new RedisCartCache(_redis, TimeSpan.FromMinutes(1), NullLogger<RedisCartCache>.Instance);
        var user = $"u-{Guid.NewGuid():N}"[..20];

        Assert.Null(await cache.GetAsync(user));
        await cache.StoreAsync(user, Cart(6, ("lamp-desk", 2)));
        await cache.StoreAsync(user, Cart(5, ("lamp-desk", 1)));

        var cached = await cache.GetAsync(user);
        Assert.Equal((6, "lamp-desk", 2), (cached!.Version, cached.Lines.Single().Sku, cached.Lines.Single().Quantity));

        await cache.StoreAsync(user, Cart(7));
        Assert.Equal((7, 0), ((await cache.GetAsync(user))!.Version, (await cache.GetAsync(user))!.Lines.Count));
    }

    private static CartState Cart(int version, params (string Sku, int Quantity)[] lines) => new()
    {
        Version = version,
        Lines = [.. lines.Select(line => new CartLineState { Sku = line.Sku, Quantity = line.Quantity })],
    };
}
