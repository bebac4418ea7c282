using System.CommandLine;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Client.Output;
using ActorScale.Client.Profiles;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Catalog;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary><c>actorscale cart add | set | remove | show | clear | checkout</c>, as the logged-in user.</summary>
public static class CartCommands
{
    private static readonly Argument<string> Sku = new("sku") { Description = "Product SKU (see `actorscale catalog`)" };

    private static readonly Argument<int> Quantity = new("quantity") { Description = "1-999" };

    private static readonly Argument<int> AddQuantity = new("quantity") { Description = "1-999 (default 1)", DefaultValueFactory = _ => 1 };

    public static Command Create() => new Command("cart", "The logged-in user's cart").WithSubcommands(
        new Command("show", "Show the cart").With(async ctx =>
        {
            var (profile, cart) = await CartAsync(ctx);
            var view = await ctx.CallAsync(_ => cart.GetAsync(profile.Token));
            ctx.Out.Show(Views.Cart(view));
            return ctx.Out.Success(view);
        }),
        Mutation("add", "Add a product (or more of it)", [Sku, AddQuantity], (ctx, cart, token, id) => cart.AddAsync(token, id, ctx.Get(Sku), ctx.Get(AddQuantity))),
        Mutation("set", "Set a product's quantity", [Sku, Quantity], (ctx, cart, token, id) => cart.SetAsync(token, id, ctx.Get(Sku), ctx.Get(Quantity))),
        Mutation("remove", "Remove a product", [Sku], (ctx, cart, token, id) => cart.RemoveAsync(token, id, ctx.Get(Sku))),
        Mutation("clear", "Remove every line", [], (_, cart, token, id) => cart.ClearAsync(token, id)),
        new Command("checkout", "Place an order from the cart").Options(OperationIds.Option).With(async ctx =>
        {
            var (profile, cart) = await CartAsync(ctx);
            var operationId = OperationIds.From(ctx);
            var order = await ctx.CallAsync(_ => cart.CheckoutAsync(profile.Token, operationId));
            ctx.Out.Say($"[green]order {order.OrderId} placed[/]: {order.Lines.Length} line(s), total {Views.Money(order.TotalCents)}");
            return ctx.Out.Success(order);
        }));

    public static async Task<(LoginProfile Profile, ICartGrain Cart)> CartAsync(CliContext ctx)
    {
        var profile = ProfileStore.Require(ctx.ProfilePath);
        var client = await ctx.ClientAsync();
        return (profile, client.GetGrain<ICartGrain>(UserKey.For(profile.UserId)));
    }

    private static Command Mutation(string name, string description, Argument[] arguments, Func<CliContext, ICartGrain, string, Guid, Task<CartUpdate>> change) =>
        new Command(name, description).Arguments(arguments).Options(OperationIds.Option).With(async ctx =>
        {
            var (profile, cart) = await CartAsync(ctx);
            var operationId = OperationIds.From(ctx);
            var update = await ctx.CallAsync(_ => change(ctx, cart, profile.Token, operationId));
            ctx.Out.Say(update.Replayed
                ? $"[yellow]already applied[/] (operation {update.OperationId} at version {update.AppliedAtVersion}): nothing changed"
                : $"[green]{Markup.Escape(name)}: ok[/] (version {update.AppliedAtVersion})");
            ctx.Out.Show(Views.Cart(update.Cart));
            return ctx.Out.Success(update);
        });
}
