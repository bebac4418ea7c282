using ActorScale.Abstractions.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorScale.Silo.Http;

/// <summary>Probes for a load balancer or an orchestrator: liveness (the process serves) and readiness.</summary>
public static class HealthRoutes
{
    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", (ILocalSiloDetails silo) => TypedResults.Ok(new HealthResponse("live", silo.Name)))
            .WithSummary("200 while the process serves HTTP");
        health.MapGet("/ready", ReadyAsync)
            .WithSummary("200 when this silo is Active in the membership and its storage answers, else 503");
        return app;
    }

    private static async Task<Ok<HealthResponse>> ReadyAsync(ReadinessProbe probe, ILocalSiloDetails silo) =>
        await probe.FindProblemAsync() is { } problem
            ? throw new ActorScaleException(ActorScaleErrorCode.Unavailable, problem)
            : TypedResults.Ok(new HealthResponse("ready", silo.Name));
}
