using ActorScale.Domain.Carts;

namespace ActorScale.Baseline.Carts;

/// <summary>Where a baseline server may keep carts besides PostgreSQL: nowhere (<see cref="NoCartCache"/>) or Redis (<see cref="RedisCartCache"/>).</summary>
public interface ICartCache
{
    /// <summary>The cached cart, or null (a miss, or the cache did not answer: PostgreSQL decides then).</summary>
    Task<CartState?> GetAsync(string userId);

    /// <summary>Stores <paramref name="cart"/> unless the cache holds a newer version (a read's fill, a change's update).</summary>
    Task StoreAsync(string userId, CartState cart);
}

/// <summary>Every design but <c>redis-cache</c>: PostgreSQL answers every read.</summary>
public sealed class NoCartCache : ICartCache
{
    public Task<CartState?> GetAsync(string userId) => Task.FromResult<CartState?>(null);

    public Task StoreAsync(string userId, CartState cart) => Task.CompletedTask;
}
