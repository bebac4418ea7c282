using System.CommandLine;
using ActorScale.Abstractions.Catalog;
using ActorScale.Client.Output;

namespace ActorScale.Client.Commands;

/// <summary><c>actorscale orders</c> and <c>actorscale catalog</c>.</summary>
public static class ShopCommands
{
    public static Command Orders() => new Command("orders", "List the logged-in user's orders").With(async ctx =>
    {
        var (profile, cart) = await CartCommands.CartAsync(ctx);
        var orders = await ctx.CallAsync(_ => cart.ListOrdersAsync(profile.Token));
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
