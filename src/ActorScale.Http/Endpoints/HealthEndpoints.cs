using ActorScale.Domain.Errors;
using ActorScale.Http.Contract;
using ActorScale.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ActorScale.Http.Endpoints;

/// <summary>The handlers of the health probes (the table is <see cref="ApiRoutes"/>).</summary>
internal static class HealthEndpoints
{
    internal static Ok<HealthResponse> Live(IReadiness readiness) => TypedResults.Ok(new HealthResponse("live", readiness.Name));

    internal static async Task<Ok<HealthResponse>> ReadyAsync(IReadiness readiness, CancellationToken cancellationToken) =>
        await readiness.FindProblemAsync(cancellationToken) is { } problem
            ? throw new ActorScaleException(ActorScaleErrorCode.Unavailable, problem)
            : TypedResults.Ok(new HealthResponse("ready", readiness.Name));
}
