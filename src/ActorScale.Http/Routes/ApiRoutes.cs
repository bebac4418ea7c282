using ActorScale.Domain.Catalog;
using ActorScale.Http.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ActorScale.Http.Routes;

/// <summary>
/// README's HTTP API contract, mapped once for every server: the routes, their OpenAPI metadata and the error mapping.
/// A server provides the ports (<see cref="Contract.IAccounts"/>, <see cref="Contract.ISessions"/>,
/// <see cref="Contract.ICarts"/>, <see cref="Contract.IOrders"/>, <see cref="Contract.IReadiness"/>) as services.
/// </summary>
public static class ApiRoutes
{
    /// <summary>Maps every route, the health probes and <c>/openapi/v1.json</c>, behind <see cref="ApiErrorMiddleware"/>.</summary>
    public static WebApplication MapActorScaleApi(this WebApplication app)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        var api = app.MapGroup("/api")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapAccountRoutes();
        api.MapCartRoutes();
        api.MapGet("/catalog", ListCatalog).WithTags("Catalog").WithSummary("The products");
        app.MapHealthRoutes();
        app.MapOpenApi();
        return app;
    }

    // Every server loads the same read-only catalog at start: no store and no grain is asked.
    private static Ok<IReadOnlyList<Product>> ListCatalog(ProductCatalog catalog) => TypedResults.Ok<IReadOnlyList<Product>>(catalog.Products);
}
