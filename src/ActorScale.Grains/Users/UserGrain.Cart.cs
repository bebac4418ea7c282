using System.Collections.Immutable;
using ActorScale.Abstractions.Carts;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Validation;

namespace ActorScale.Grains.Users;

/// <summary>The cart half of <see cref="UserGrain"/>: every call authenticates its token against this grain's sessions.</summary>
public sealed partial class UserGrain : ICartGrain
{
    public async Task<CartView> GetAsync(string token)
    {
        await AuthenticateAsync(token);
        return cartRules.View(UserId, cart.State);
    }

    public Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity) =>
        ChangeCartAsync(token, operationId, c => cartRules.Add(c, sku, quantity));

    public Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity) =>
        ChangeCartAsync(token, operationId, c => cartRules.Set(c, sku, quantity));

    public Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku) =>
        ChangeCartAsync(token, operationId, c => CartRules.Remove(c, sku));

    public Task<CartUpdate> ClearAsync(string token, Guid operationId) =>
        ChangeCartAsync(token, operationId, CartRules.Clear);

    public async Task<Order> CheckoutAsync(string token, Guid operationId)
    {
        InputRules.RequireOperationId(operationId);
        await AuthenticateAsync(token);
        if (OperationWindow.Find(cart.State.Operations, operationId) is { } done)
        {
            return CartRules.ToOrder(cart.State.Orders.First(o => o.OrderId == done.Result));
        }

        var order = await MutateAsync(cart, c =>
        {
            var placed = cartRules.Checkout(c, operationId, Now);
            OperationWindow.Record(c.Operations, cartOptions.Value.OperationWindow, operationId, c.Version + 1, placed.OrderId);
            return placed;
        });
        return CartRules.ToOrder(order);
    }

    public async Task<ImmutableArray<Order>> ListOrdersAsync(string token)
    {
        await AuthenticateAsync(token);
        return [.. cart.State.Orders.Select(CartRules.ToOrder)];
    }

    private async Task<CartUpdate> ChangeCartAsync(string token, Guid operationId, Action<CartState> change)
    {
        InputRules.RequireOperationId(operationId);
        await AuthenticateAsync(token);
        if (OperationWindow.Find(cart.State.Operations, operationId) is { } done)
        {
            return new CartUpdate(operationId, true, done.Version, cartRules.View(UserId, cart.State));
        }

        var version = await MutateAsync(cart, c =>
        {
            change(c);
            OperationWindow.Record(c.Operations, cartOptions.Value.OperationWindow, operationId, c.Version + 1);
            return c.Version + 1;
        });
        return new CartUpdate(operationId, false, version, cartRules.View(UserId, cart.State));
    }
}
