using System.Collections.Immutable;
using ActorScale.Abstractions.Carts;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Telemetry;
using ActorScale.Domain.Validation;
using Orleans.Storage;

namespace ActorScale.Grains.Users;

/// <summary>
/// The cart half of <see cref="UserGrain"/>: every call authenticates its token against this grain's sessions; a
/// mutation's operation id is bound to the kind and payload of the call (<see cref="OperationIntent"/>).
/// </summary>
public sealed partial class UserGrain : ICartGrain
{
    private OrderPages? _orderPages;

    private OrderPages Orders => _orderPages ??= new OrderPages(services.GrainStorage, this.GetGrainId());

    public async Task<CartView> GetAsync(string token)
    {
        await AuthenticateAsync(token);
        return services.CartRules.View(UserId, cart.State);
    }

    public Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity) =>
        ChangeCartAsync(token, "add", CartIntents.Add(operationId, sku, quantity), c => services.CartRules.Add(c, sku, quantity));

    public Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity) =>
        ChangeCartAsync(token, "set", CartIntents.Set(operationId, sku, quantity), c => services.CartRules.Set(c, sku, quantity));

    public Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku) =>
        ChangeCartAsync(token, "remove", CartIntents.Remove(operationId, sku), c => CartRules.Remove(c, sku));

    public Task<CartUpdate> ClearAsync(string token, Guid operationId) =>
        ChangeCartAsync(token, "clear", CartIntents.Clear(operationId), CartRules.Clear);

    /// <summary>
    /// Writes the order to its page, then the cart (emptied, order counted, operation id recorded): the order is
    /// acknowledged by the second write only, so a failure between the two leaves no order the caller was told of.
    /// </summary>
    public async Task<Order> CheckoutAsync(string token, Guid operationId)
    {
        InputRules.RequireOperationId(operationId);
        await AuthenticateAsync(token);
        await MoveLegacyOrdersAsync();
        var intent = CartIntents.Checkout(operationId);
        if (OperationWindow.Find(cart.State.Operations, intent) is { } done)
        {
            var number = OrderPaging.Parse(done.Result, 1).After;
            return CartRules.ToOrder((await Orders.ReadAsync(cart.State.OrderCount, number - 1, 1)).Single());
        }

        var placed = services.CartRules.Order(cart.State, cart.State.OrderCount + 1, operationId, Now);
        await StoreAsync(() => Orders.WriteAsync(cart.State.OrderCount + 1, placed));
        await MutateAsync(cart, c =>
        {
            c.Lines.Clear();
            c.OrderCount++;
            OperationWindow.Record(c.Operations, services.CartOptions.Value.OperationWindow, intent, c.Version + 1, placed.OrderId);
            return 0;
        });
        return CartRules.ToOrder(placed);
    }

    public async Task<ImmutableArray<Order>> ListOrdersAsync(string token, string? after, int? limit)
    {
        var (from, count) = OrderPaging.Parse(after, limit);
        await AuthenticateAsync(token);
        await MoveLegacyOrdersAsync();
        var orders = await StoreAsync(() => Orders.ReadAsync(cart.State.OrderCount, from, count));
        return [.. orders.Select(CartRules.ToOrder)];
    }

    private async Task<CartUpdate> ChangeCartAsync(string token, string operation, OperationIntent intent, Action<CartState> change)
    {
        InputRules.RequireOperationId(intent.Id);
        await AuthenticateAsync(token);
        await MoveLegacyOrdersAsync();
        if (OperationWindow.Find(cart.State.Operations, intent) is { } done)
        {
            ActorScaleMetrics.CartOperations.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("outcome", "replayed"));
            ActorScaleMetrics.OperationReplays.Add(1, ActorScaleMetrics.Tag("operation", operation));
            return new CartUpdate(intent.Id, true, done.Version, services.CartRules.View(UserId, cart.State));
        }

        int version;
        try
        {
            version = await MutateAsync(cart, c =>
            {
                change(c);
                OperationWindow.Record(c.Operations, services.CartOptions.Value.OperationWindow, intent, c.Version + 1);
                return c.Version + 1;
            });
        }
        catch (ActorScaleException ex) when (ex.Code != ActorScaleErrorCode.StorageUnavailable)
        {
            ActorScaleMetrics.CartOperations.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("outcome", "refused"));
            throw;
        }

        ActorScaleMetrics.CartOperations.Add(1, ActorScaleMetrics.Tag("operation", operation), ActorScaleMetrics.Tag("outcome", "applied"));
        return new CartUpdate(intent.Id, false, version, services.CartRules.View(UserId, cart.State));
    }

    /// <summary>
    /// A cart stored before order pages kept every order in its own record: the first cart call of this build moves them
    /// to pages (pages first, then the cart without them; repeating after a failure in between is harmless).
    /// </summary>
    private async Task MoveLegacyOrdersAsync()
    {
        if (cart.State.Orders is not { } legacy)
        {
            return;
        }

        if (legacy.Count > 0 && cart.State.OrderCount == 0)
        {
            await StoreAsync(() => Orders.MoveAsync(legacy));
        }

        await MutateAsync(cart, c =>
        {
            c.OrderCount = Math.Max(c.OrderCount, legacy.Count);
            c.Orders = null;
            return 0;
        });
    }

    /// <summary>A page read or write, with a conflict (another activation wrote the page) handled like one of the cart's.</summary>
    private async Task StoreAsync(Func<Task> call) => await StoreAsync(async () =>
    {
        await call();
        return 0;
    });

    private async Task<T> StoreAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (InconsistentStateException ex)
        {
            throw Conflicted(ex);
        }
    }
}
