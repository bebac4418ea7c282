using ActorScale.Domain.Carts;
using ActorScale.Http.Contract;
using ActorScale.Http.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Http.Endpoints;

/// <summary>The handlers of the cart and order routes (the table is <see cref="ApiRoutes"/>): every call is checked against the token by the server's ports.</summary>
internal static class CartEndpoints
{
    internal static async Task<Ok<CartView>> GetAsync(BearerToken token, ICarts carts) => TypedResults.Ok(await carts.GetAsync(token));

    internal static async Task<Ok<CartView>> GetUserCartAsync(string userId, BearerToken token, ICarts carts) => TypedResults.Ok(await carts.GetAsync(token, userId));

    internal static async Task<Ok<CartUpdate>> AddAsync(
        [FromBody] AddItemRequest? body, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts)
    {
        var item = RequestBody.Required(body);
        return TypedResults.Ok(await carts.AddAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), item.Sku ?? "", item.Quantity));
    }

    internal static async Task<Ok<CartUpdate>> SetAsync(
        string sku, [FromBody] QuantityRequest? body, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts)
    {
        var quantity = RequestBody.Required(body).Quantity;
        return TypedResults.Ok(await carts.SetAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), sku, quantity));
    }

    internal static async Task<Ok<CartUpdate>> RemoveAsync(string sku, BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts) =>
        TypedResults.Ok(await carts.RemoveAsync(token, IdempotencyKey.ToOperationId(idempotencyKey), sku));

    internal static async Task<Ok<CartUpdate>> ClearAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ICarts carts) =>
        TypedResults.Ok(await carts.ClearAsync(token, IdempotencyKey.ToOperationId(idempotencyKey)));

    /// <summary>Checkout needs a key: a client that retries after a 503 (outcome unknown) must not place a second order.</summary>
    internal static async Task<Created<Order>> CheckoutAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IOrders orders) =>
        TypedResults.Created("/api/orders", await orders.CheckoutAsync(token, IdempotencyKey.Required(idempotencyKey)));

    /// <summary>A page of orders; when the page is full, a <c>Link: rel="next"</c> header names the next one.</summary>
    internal static async Task<Ok<IReadOnlyList<Order>>> OrdersAsync(BearerToken token, string? after, int? limit, IOrders orders, HttpResponse response)
    {
        var (from, count) = OrderPaging.Parse(after, limit);
        var page = await orders.ListAsync(token, from, count);
        if (page.Count == count)
        {
            response.Headers.Link = $"</api/orders?after={page[^1].OrderId}&limit={count}>; rel=\"next\"";
        }

        return TypedResults.Ok(page);
    }
}
