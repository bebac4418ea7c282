using System.Collections.Immutable;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;

namespace ActorScale.Abstractions.Carts;

/// <summary>
/// One user's cart and order history; keyed by <see cref="UserKey.For"/>. Every call needs a valid session token of
/// the cart's owner, checked by the grain against its own sessions. Mutations are durable before they return and are applied at most once per
/// operation id (a retry returns the original outcome). Rejections throw <see cref="ActorScaleException"/> and change nothing.
/// </summary>
public interface ICartGrain : IGrainWithStringKey, ILocatableGrain
{
    /// <summary>Reads the cart.</summary>
    Task<CartView> GetAsync(string token);

    /// <summary>Adds <paramref name="quantity"/> of a catalog product (a new line or more of an existing one).</summary>
    Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity);

    /// <summary>Sets a line's quantity, adding the line if needed.</summary>
    Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity);

    /// <summary>Removes a line.</summary>
    Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku);

    /// <summary>Removes every line.</summary>
    Task<CartUpdate> ClearAsync(string token, Guid operationId);

    /// <summary>Places an order from the cart and empties it; durable before it returns. A retry returns the same order.</summary>
    Task<Order> CheckoutAsync(string token, Guid operationId);

    /// <summary>
    /// A page of the user's orders, oldest first: those after the order id <paramref name="after"/> (null: from the
    /// first), at most <paramref name="limit"/> (null: 50; 1 to 100).
    /// </summary>
    Task<ImmutableArray<Order>> ListOrdersAsync(string token, string? after = null, int? limit = null);
}
