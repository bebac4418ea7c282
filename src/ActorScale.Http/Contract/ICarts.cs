using ActorScale.Domain.Carts;

namespace ActorScale.Http.Contract;

/// <summary>The token's user's cart. Every method verifies the token first; mutations are durable before they return and applied once per operation id.</summary>
public interface ICarts
{
    /// <summary>The cart of <paramref name="userId"/> (null: the token's own user); another user's cart is <c>Forbidden</c>.</summary>
    Task<CartView> GetAsync(BearerToken token, string? userId = null);

    /// <summary>Adds a quantity of a catalog product.</summary>
    Task<CartUpdate> AddAsync(BearerToken token, Guid operationId, string sku, int quantity);

    /// <summary>Sets a line's quantity, adding the line if needed.</summary>
    Task<CartUpdate> SetAsync(BearerToken token, Guid operationId, string sku, int quantity);

    /// <summary>Removes a line.</summary>
    Task<CartUpdate> RemoveAsync(BearerToken token, Guid operationId, string sku);

    /// <summary>Removes every line.</summary>
    Task<CartUpdate> ClearAsync(BearerToken token, Guid operationId);
}
