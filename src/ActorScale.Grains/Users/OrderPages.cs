using ActorScale.Abstractions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;
using Orleans.Storage;

namespace ActorScale.Grains.Users;

/// <summary>
/// A user grain's order history as pages of <see cref="OrderPaging.PageSize"/> orders, each its own row in the grain
/// storage (state <see cref="StateNames.OrderPage"/>), read when asked for and never all at once. The page the next
/// order goes to stays in memory with its ETag, so a checkout costs one page write and no read.
/// </summary>
internal sealed class OrderPages(IGrainStorage storage, GrainId owner)
{
    private GrainState<OrderPageState>? _open;
    private int _openPage = -1;

    /// <summary>Orders <paramref name="after"/>+1 to <paramref name="after"/>+<paramref name="limit"/>, at most up to <paramref name="count"/>.</summary>
    public async Task<List<OrderState>> ReadAsync(int count, int after, int limit)
    {
        var orders = new List<OrderState>();
        for (var number = after + 1; number <= count && orders.Count < limit;)
        {
            var page = OrderPaging.PageOf(number);
            var stored = (page == _openPage && _open is not null ? _open : await ReadPageAsync(page)).State!;
            for (var slot = (number - 1) % OrderPaging.PageSize; slot < stored.Orders.Count && number <= count && orders.Count < limit; slot++, number++)
            {
                orders.Add(stored.Orders[slot]);
            }

            if (number <= count && orders.Count < limit && OrderPaging.PageOf(number) == page)
            {
                // The page ended before the acknowledged count: storage lost orders it had acknowledged.
                throw new ActorScaleException(ActorScaleErrorCode.StorageUnavailable, $"order page {page} is shorter than the order count {count}");
            }
        }

        return orders;
    }

    /// <summary>
    /// Writes <paramref name="order"/> as order number <paramref name="number"/> (replacing an unacknowledged one in that
    /// slot). Durable when it returns; the caller acknowledges the order only after the cart records it.
    /// </summary>
    public async Task WriteAsync(int number, OrderState order)
    {
        var page = OrderPaging.PageOf(number);
        var slot = (number - 1) % OrderPaging.PageSize;
        var stored = page == _openPage && _open is not null ? _open : await ReadPageAsync(page);
        if (stored.State!.Orders.Count < slot)
        {
            throw new ActorScaleException(ActorScaleErrorCode.StorageUnavailable, $"order page {page} holds {stored.State.Orders.Count} orders, order {number} cannot follow");
        }

        var before = stored.State!;
        stored.State = new OrderPageState { Orders = [.. before.Orders.Take(slot), order], Unknown = before.Unknown };
        try
        {
            await storage.WriteStateAsync(StateNames.OrderPage(page), owner, stored);
            (_open, _openPage) = (stored, page);
        }
        catch
        {
            // The ETag may or may not have moved: read the page again next time.
            (_open, _openPage) = (null, -1);
            throw;
        }
    }

    /// <summary>Writes whole pages of orders moved from the cart record (orders 1..n); safe to repeat.</summary>
    public async Task MoveAsync(IReadOnlyList<OrderState> orders)
    {
        for (var page = 0; page * OrderPaging.PageSize < orders.Count; page++)
        {
            var stored = await ReadPageAsync(page);
            stored.State = new OrderPageState { Orders = [.. orders.Skip(page * OrderPaging.PageSize).Take(OrderPaging.PageSize)] };
            await storage.WriteStateAsync(StateNames.OrderPage(page), owner, stored);
        }

        (_open, _openPage) = (null, -1);
    }

    private async Task<GrainState<OrderPageState>> ReadPageAsync(int page)
    {
        var state = new GrainState<OrderPageState>(new OrderPageState());
        await storage.ReadStateAsync(StateNames.OrderPage(page), owner, state);
        state.State ??= new OrderPageState();
        return state;
    }
}
