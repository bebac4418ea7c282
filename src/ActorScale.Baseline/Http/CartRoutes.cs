using System.Collections.Immutable;
using ActorScale.Abstractions.Carts;
using ActorScale.Baseline.Carts;
using ActorScale.Grains.Carts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Baseline.Http;

/// <summary>The caller's cart and orders: the session is checked first (<see cref="Caller"/>), then PostgreSQL is read or changed.</summary>
public static class CartRoutes
{
    public static RouteGroupBuilder MapCartRoutes(this RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Cart and orders");
        api.MapGet("/cart", GetAsync).WithSummary("The caller's cart");
        api.MapGet("/users/{userId}/cart", GetUserCartAsync).WithSummary("A user's cart: only the user's own token may read it");
        api.MapPost("/cart/items", AddAsync).WithSummary("Add a quantity of a product");
        api.MapPut("/cart/items/{sku}", SetAsync).WithSummary("Set a line's quantity");
        api.MapDelete("/cart/items/{sku}", RemoveAsync).WithSummary("Remove a line");
        api.MapDelete("/cart", ClearAsync).WithSummary("Remove every line");
        api.MapPost("/cart/checkout", CheckoutAsync).WithSummary("Place an order from the cart and empty it");
        api.MapGet("/orders", OrdersAsync).WithSummary("The caller's orders, oldest first");
        return api;
    }

    private static async Task<Ok<CartView>> GetAsync(Caller caller, CartService carts) => TypedResults.Ok(await carts.GetAsync(caller.UserId));

    private static Task<Ok<CartView>> GetUserCartAsync(string userId, Caller caller, CartService carts)
    {
        caller.RequireUser(userId);
        return GetAsync(caller, carts);
    }

    private static async Task<Ok<CartUpdate>> AddAsync(
        [FromBody] AddItemRequest? body, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, CartService carts, CartBook book)
    {
        var item = RequestBody.Required(body);
        return TypedResults.Ok(await carts.ChangeAsync(caller.UserId, IdempotencyKey.ToOperationId(idempotencyKey), c => book.Add(c, item.Sku ?? "", item.Quantity)));
    }

    private static async Task<Ok<CartUpdate>> SetAsync(
        string sku, [FromBody] QuantityRequest? body, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, CartService carts, CartBook book)
    {
        var quantity = RequestBody.Required(body).Quantity;
        return TypedResults.Ok(await carts.ChangeAsync(caller.UserId, IdempotencyKey.ToOperationId(idempotencyKey), c => book.Set(c, sku, quantity)));
    }

    private static async Task<Ok<CartUpdate>> RemoveAsync(
        string sku, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, CartService carts, CartBook book) =>
        TypedResults.Ok(await carts.ChangeAsync(caller.UserId, IdempotencyKey.ToOperationId(idempotencyKey), c => book.Remove(c, sku)));

    private static async Task<Ok<CartUpdate>> ClearAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, CartService carts) =>
        TypedResults.Ok(await carts.ChangeAsync(caller.UserId, IdempotencyKey.ToOperationId(idempotencyKey), CartBook.Clear));

    private static async Task<Created<Order>> CheckoutAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, CartService carts) =>
        TypedResults.Created("/api/orders", await carts.CheckoutAsync(caller.UserId, IdempotencyKey.ToOperationId(idempotencyKey)));

    private static async Task<Ok<ImmutableArray<Order>>> OrdersAsync(Caller caller, CartService carts) => TypedResults.Ok(await carts.ListOrdersAsync(caller.UserId));
}
