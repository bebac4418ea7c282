using ActorScale.Domain.Carts;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary><see cref="IOrders"/> on the user grains: checkout and history live with the cart in the user's grain.</summary>
public sealed class GrainOrders(UserGrains users) : IOrders
{
    public Task<Order> CheckoutAsync(BearerToken token, Guid operationId) => users.Cart(token).CheckoutAsync(token.Value, operationId);

    public async Task<IReadOnlyList<Order>> ListAsync(BearerToken token, int after, int limit) =>
        await users.Cart(token).ListOrdersAsync(token.Value, after == 0 ? null : OrderPaging.IdOf(after), limit);
}
