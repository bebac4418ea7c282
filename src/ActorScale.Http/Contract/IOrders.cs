using ActorScale.Domain.Carts;

namespace ActorScale.Http.Contract;

/// <summary>The token's user's orders. Every method verifies the token first.</summary>
public interface IOrders
{
    /// <summary>Places an order from the cart and empties it, durably, once per operation id (a retry returns the same order).</summary>
    Task<Order> CheckoutAsync(BearerToken token, Guid operationId);

    /// <summary>
    /// A page of the user's orders, oldest first: those after order number <paramref name="after"/> (0: from the first),
    /// at most <paramref name="limit"/> (already validated by <see cref="OrderPaging.Parse"/>).
    /// </summary>
    Task<IReadOnlyList<Order>> ListAsync(BearerToken token, int after, int limit);
}
