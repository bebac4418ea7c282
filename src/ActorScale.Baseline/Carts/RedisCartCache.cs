using System.Globalization;
using System.Text.Json;
using ActorScale.Baseline.Sessions;
using ActorScale.Domain.Carts;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ActorScale.Baseline.Carts;

/// <summary>
/// <c>redis-cache</c>'s carts in Redis, cache-aside, as its careful users build it: a value is <c>{version}|{lines}</c>
/// with a time to live, and every store goes through one script that keeps the newer version. A reader that missed,
/// read version 5 from PostgreSQL and is slow to fill cannot overwrite the 6 a writer stored meanwhile, and two writers'
/// stores arriving out of order leave the later version. A change stores its cart after PostgreSQL committed it; if that
/// store fails the key is deleted, and if Redis does not answer at all the cart may stay stale until its time to live
/// (the change itself is durable and acknowledged: the cache is never the record).
/// </summary>
public sealed partial class RedisCartCache(IConnectionMultiplexer redis, TimeSpan ttl, ILogger<RedisCartCache> log) : ICartCache
{
    // KEYS[1]: the cart; ARGV: version, value, time to live in seconds. Stores unless the key holds this version or a newer one.
    private const string StoreScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local version = tonumber(string.match(current, '^(%d+)|'))
          if version and version >= tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SETEX', KEYS[1], ARGV[3], ARGV[2])
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CartState?> GetAsync(string userId)
    {
        string? value;
        try
        {
            value = await redis.GetDatabase().StringGetAsync(RedisSessionKeys.Cart(userId));
        }
        catch (RedisException ex)
        {
            ReadFailed(log, ex.Message);
            return null;
        }

        if (value is null || value.IndexOf('|', StringComparison.Ordinal) is var bar && bar < 1)
        {
            return null;
        }

        return new CartState
        {
            Version = int.Parse(value.AsSpan(0, bar), CultureInfo.InvariantCulture),
            Lines = JsonSerializer.Deserialize<List<CartLineState>>(value.AsSpan(bar + 1), Json) ?? [],
        };
    }

    public async Task StoreAsync(string userId, CartState cart)
    {
        var key = RedisSessionKeys.Cart(userId);
        var value = $"{cart.Version.ToString(CultureInfo.InvariantCulture)}|{JsonSerializer.Serialize(cart.Lines, Json)}";
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(StoreScript, [key], [cart.Version, value, (long)ttl.TotalSeconds]);
        }
        catch (RedisException ex)
        {
            StoreFailed(log, ex.Message);
            try
            {
                // UNLINK, not DEL: what the baseline's Redis user may send (redis-users.conf).
                await redis.GetDatabase().ExecuteAsync("UNLINK", key);
            }
            catch (RedisException)
            {
                // Redis is gone: the key expires with its time to live.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cart cache read failed, reading PostgreSQL: {Error}")]
    private static partial void ReadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cart cache store failed, dropping the key: {Error}")]
    private static partial void StoreFailed(ILogger logger, string error);
}
