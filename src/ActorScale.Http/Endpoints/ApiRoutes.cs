using ActorScale.Domain.Catalog;
using ActorScale.Domain.Errors;
using ActorScale.Http.Admission;
using ActorScale.Http.Caching;
using ActorScale.Http.Contract;
using ActorScale.Http.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorScale.Http.Endpoints;

/// <summary>
/// README's HTTP API contract, the one route table for every server: paths, OpenAPI tags and summaries, the error
/// mapping. A server provides the ports (<see cref="Contract.IAccounts"/>, <see cref="Contract.ISessions"/>,
/// <see cref="Contract.ICarts"/>, <see cref="Contract.IOrders"/>, <see cref="Contract.IReadiness"/>) as services.
/// </summary>
public static class ApiRoutes
{
    /// <summary>
    /// Maps every route, the health probes and <c>/openapi/v1.json</c>, behind <see cref="ApiErrorMiddleware"/> and the
    /// rate limits (<see cref="AdmissionServiceExtensions"/>): tight per client address on register and login, wide on the rest of <c>/api</c>.
    /// </summary>
    public static WebApplication MapActorScaleApi(this WebApplication app)
    {
        app.UseActorScaleCacheHeaders();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseActorScaleAdmission();
        var api = app.MapGroup("/api")
            .RequireRateLimiting(AdmissionPolicies.Api)
            .AddEndpointFilter(RefuseWhenFenced)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var accounts = api.MapGroup("").WithTags("Accounts and sessions");
        accounts.MapPost("/users", AccountEndpoints.RegisterAsync).WithSummary("Register a user").RequireRateLimiting(AdmissionPolicies.Credentials);
        accounts.MapPost("/sessions", AccountEndpoints.LoginAsync).WithSummary("Log in: a new session and its bearer token").RequireRateLimiting(AdmissionPolicies.Credentials);
        accounts.MapGet("/me", AccountEndpoints.MeAsync).WithSummary("The caller's session");
        accounts.MapDelete("/sessions/current", AccountEndpoints.LogoutAsync).WithSummary("Log out: end the caller's session (the plain jwt baseline cannot: its token works until it expires)");
        accounts.MapPost("/sessions/revoke-all", AccountEndpoints.RevokeAllAsync).WithSummary("End every session of the caller's user (the plain jwt baseline ends none)");

        var carts = api.MapGroup("").WithTags("Cart and orders");
        carts.MapGet("/cart", CartEndpoints.GetAsync).WithSummary("The caller's cart");
        carts.MapGet("/users/{userId}/cart", CartEndpoints.GetUserCartAsync).WithSummary("A user's cart: only the user's own token may read it");
        carts.MapPost("/cart/items", CartEndpoints.AddAsync).WithSummary("Add a quantity of a product");
        carts.MapPut("/cart/items/{sku}", CartEndpoints.SetAsync).WithSummary("Set a line's quantity");
        carts.MapDelete("/cart/items/{sku}", CartEndpoints.RemoveAsync).WithSummary("Remove a line");
        carts.MapDelete("/cart", CartEndpoints.ClearAsync).WithSummary("Remove every line");
        carts.MapPost("/cart/checkout", CartEndpoints.CheckoutAsync).WithSummary("Place an order from the cart and empty it");
        carts.MapGet("/orders", CartEndpoints.OrdersAsync).WithSummary("A page of the caller's orders, oldest first (?after=<order id>&limit=1..100, default 50; Link rel=next when full)");

        api.MapGet("/catalog", ListCatalog).WithTags("Catalog").WithSummary("The products (public: ETag, max-age; 304 to If-None-Match)")
            .Produces<IReadOnlyList<Product>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);

        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", HealthEndpoints.Live).WithSummary("200 while the process serves HTTP");
        health.MapGet("/ready", HealthEndpoints.ReadyAsync)
            .WithSummary("200 when this server can serve its users (a silo: Active in the membership and its storage answers; a baseline server: its stores answer), else 503");

        app.MapOpenApi();
        return app;
    }

    private static ValueTask<object?> RefuseWhenFenced(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<IReadiness>().Refusal() is { } refusal
            ? throw new ActorScaleException(ActorScaleErrorCode.Unavailable, refusal)
            : next(context);

    // Every server loads the same read-only catalog at start: no store and no grain is asked; its JSON and tag are made once.
    private static IResult ListCatalog(HttpContext context, PublicCatalog catalog)
    {
        if (CacheHeaders.TryNotModified(context, catalog.Tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        CacheHeaders.MarkPublic(context.Response, catalog.Tag);
        return TypedResults.Bytes(catalog.Json, "application/json");
    }
}
