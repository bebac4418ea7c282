using System.CommandLine;
using ActorScale.Abstractions.Catalog;
using ActorScale.Client.Output;
using ActorScale.Domain.Carts;

namespace ActorScale.Client.Commands;

/// <summary><c>actorscale orders</c> and <c>actorscale catalog</c>.</summary>
public static class ShopCommands
{
    private static readonly Option<string?> After = new("--after") { Description = "Start after this order id (the last one of the previous page)" };

    private static readonly Option<int?> Limit = new("--limit") { Description = $"Orders to show, 1-{OrderPaging.MaxLimit} (default {OrderPaging.DefaultLimit})" };

    public static Command Orders() => new Command("orders", "List the logged-in user's orders, a page at a time").Options(After, Limit).With(async ctx =>
    {
        var (profile, cart) = await CartCommands.CartAsync(ctx);
        var orders = await ctx.CallAsync(_ => cart.ListOrdersAsync(profile.Token, ctx.Get(After), ctx.Get(Limit)));
        ctx.Out.Show(Views.Orders(orders));
        return ctx.Out.Success(orders);
    });

    public static Command Catalog() => new Command("catalog", "List the products").With(async ctx =>
    {
        var products = await ctx.CallAsync(c => c.GetGrain<ICatalogGrain>(0).ListAsync());
        ctx.Out.Show(Views.Catalog(products));
        return ctx.Out.Success(products);
    });
}
