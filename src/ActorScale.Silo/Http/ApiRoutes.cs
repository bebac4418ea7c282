using ActorScale.Abstractions.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorScale.Silo.Http;

/// <summary>The HTTP API of README's contract, served by every silo: any silo serves any user.</summary>
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
        api.MapGet("/catalog", CatalogAsync).WithTags("Catalog").WithSummary("The products");
        app.MapHealthRoutes();
        app.MapOpenApi();
        return app;
    }

    private static async Task<Ok<List<ProductResponse>>> CatalogAsync(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<ICatalogGrain>(0).ListAsync()).Select(ProductResponse.From).ToList());
}
