using ActorScale.Domain.Carts;
using ActorScale.Http.Contract;
using ActorScale.Http.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorScale.Http.Routes;

/// <summary>The caller's cart and orders; every call is checked against the token by the server's ports.</summary>
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

    private static async Task<Ok<CartView>> GetAsync(BearerToken token, ICarts carts) => TypedResults.Ok(await carts.GetAsync(token));

    private static async Task<Ok<CartView>> GetUserCartAsync(string userId, BearerToken token, ICarts carts) => TypedResults.Ok(await carts.GetAsync(token, userId));

    private static async Task<Ok<CartUpdate>> AddAsync(
        [FromBody] AddItemRequest? body, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts)
    {
        var item = RequestBody.Required(body);
        return TypedResults.Ok(await carts.AddAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), item.Sku ?? "", item.Quantity));
    }

    private static async Task<Ok<CartUpdate>> SetAsync(
        string sku, [FromBody] QuantityRequest? body, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts)
    {
        var quantity = RequestBody.Required(body).Quantity;
        return TypedResults.Ok(await carts.SetAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), sku, quantity));
    }

    private static async Task<Ok<CartUpdate>> RemoveAsync(string sku, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts) =>
        TypedResults.Ok(await carts.RemoveAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), sku));

    private static async Task<Ok<CartUpdate>> ClearAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts) =>
        TypedResults.Ok(await carts.ClearAsync(token, IdempotencyKey.ToOperationId(idempotencyKey)));

    private static async Task<Created<Order>> CheckoutAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IOrders orders) =>
        TypedResults.Created("/api/orders", await orders.CheckoutAsync(token, IdempotencyKey.ToOperationId(idempotencyKey)));

    private static async Task<Ok<IReadOnlyList<Order>>> OrdersAsync(BearerToken token, IOrders orders) => TypedResults.Ok(await orders.ListAsync(token));
}
