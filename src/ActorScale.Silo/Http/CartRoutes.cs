using ActorScale.Abstractions.Carts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Silo.Http;

/// <summary>The caller's cart and orders; every call is checked against the token by the user's grain.</summary>
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

    private static async Task<Ok<CartResponse>> GetAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(CartResponse.From(await caller.Cart(grains).GetAsync(caller.Token)));

    private static async Task<Ok<CartResponse>> GetUserCartAsync(string userId, Caller caller, IGrainFactory grains)
    {
        await caller.RequireUserAsync(userId, grains);
        return await GetAsync(caller, grains);
    }

    private static async Task<Ok<CartUpdateResponse>> AddAsync(
        [FromBody] AddItemRequest? body, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains)
    {
        var item = RequestBody.Required(body);
        return Updated(await caller.Cart(grains).AddAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey), item.Sku ?? "", item.Quantity));
    }

    private static async Task<Ok<CartUpdateResponse>> SetAsync(
        string sku, [FromBody] QuantityRequest? body, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains) =>
        Updated(await caller.Cart(grains).SetAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey), sku, RequestBody.Required(body).Quantity));

    private static async Task<Ok<CartUpdateResponse>> RemoveAsync(
        string sku, Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains) =>
        Updated(await caller.Cart(grains).RemoveAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey), sku));

    private static async Task<Ok<CartUpdateResponse>> ClearAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains) =>
        Updated(await caller.Cart(grains).ClearAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey)));

    private static async Task<Created<OrderResponse>> CheckoutAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains) =>
        TypedResults.Created("/api/orders", OrderResponse.From(await caller.Cart(grains).CheckoutAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey))));

    private static async Task<Ok<List<OrderResponse>>> OrdersAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok((await caller.Cart(grains).ListOrdersAsync(caller.Token)).Select(OrderResponse.From).ToList());

    private static Ok<CartUpdateResponse> Updated(CartUpdate update) => TypedResults.Ok(CartUpdateResponse.From(update));
}
