using ActorScale.Abstractions.Errors;
using ActorScale.Baseline.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ActorScale.Baseline.Http;

/// <summary>Probes for a load balancer: liveness (the process serves) and readiness (Redis and PostgreSQL answer).</summary>
public static class HealthRoutes
{
    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", (IOptions<BaselineSettings> settings) => TypedResults.Ok(new HealthResponse("live", settings.Value.Name)))
            .WithSummary("200 while the process serves HTTP");
        health.MapGet("/ready", ReadyAsync)
            .WithSummary("200 when Redis and PostgreSQL (with the baseline schema) answer, else 503");
        return app;
    }

    private static async Task<Ok<HealthResponse>> ReadyAsync(BaselineReadiness readiness, IOptions<BaselineSettings> settings, CancellationToken cancellationToken) =>
        await readiness.FindProblemAsync(cancellationToken) is { } problem
            ? throw new ActorScaleException(ActorScaleErrorCode.Unavailable, problem)
            : TypedResults.Ok(new HealthResponse("ready", settings.Value.Name));
}
