using ActorScale.Domain.Errors;
using ActorScale.Http.Contract;
using ActorScale.Http.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ActorScale.Http.Routes;

/// <summary>Probes for a load balancer or an orchestrator: liveness (the process serves) and readiness (<see cref="IReadiness"/>).</summary>
public static class HealthRoutes
{
    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", (IReadiness readiness) => TypedResults.Ok(new HealthResponse("live", readiness.Name)))
            .WithSummary("200 while the process serves HTTP");
        health.MapGet("/ready", ReadyAsync)
            .WithSummary("200 when this server can serve its users (a silo: Active in the membership and its storage answers; a baseline server: its stores answer), else 503");
        return app;
    }

    private static async Task<Ok<HealthResponse>> ReadyAsync(IReadiness readiness, CancellationToken cancellationToken) =>
        await readiness.FindProblemAsync(cancellationToken) is { } problem
            ? throw new ActorScaleException(ActorScaleErrorCode.Unavailable, problem)
            : TypedResults.Ok(new HealthResponse("ready", readiness.Name));
}
