using System.Collections.Immutable;
using ActorScale.Abstractions.Catalog;
using ActorScale.Grains.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorScale.Baseline.Http;

/// <summary>README's HTTP API contract, the same routes and errors as the silo's front door, served statelessly.</summary>
public static class ApiRoutes
{
    /// <summary>Maps every route, the health probes and <c>/openapi/v1.json</c>, behind <see cref="ApiErrorMiddleware"/>.</summary>
    public static WebApplication MapBaselineApi(this WebApplication app)
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

    private static Ok<ImmutableArray<Product>> ListCatalog(ProductCatalog catalog) => TypedResults.Ok(catalog.Products);
}
