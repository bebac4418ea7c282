using Microsoft.AspNetCore.Routing.Patterns;

namespace ActorScale.Silo.Dashboard;

/// <summary>
/// Guards every route of the dashboard: a request without <see cref="DashboardCredential"/> gets 401 and the Basic
/// challenge; the grain state route answers 404 even with it, since the dashboard would serialize a user's state
/// (password hash, cart, orders) to whoever asks. Both answers carry a body, so the API's error middleware, which gives
/// the framework's bodiless refusals a Bearer problem, leaves them as they are.
/// </summary>
internal sealed class DashboardAccessFilter(DashboardCredential credential) : IEndpointFilter
{
    public const string Challenge = "Basic realm=\"ActorScale dashboard\", charset=\"UTF-8\"";

    private const string GrainStateRoute = "/GrainState";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!credential.Accepts(http.Request.Headers.Authorization))
        {
            http.Response.Headers.WWWAuthenticate = Challenge;
            return Results.Text($"the dashboard needs user {DashboardCredential.User} and its password (HTTP Basic)", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (http.GetEndpoint() is RouteEndpoint { RoutePattern: RoutePattern pattern } && IsGrainState(pattern))
        {
            return Results.Text("grain state is not shown", statusCode: StatusCodes.Status404NotFound);
        }

        return await next(context);
    }

    private static bool IsGrainState(RoutePattern pattern) =>
        pattern.RawText?.EndsWith(GrainStateRoute, StringComparison.OrdinalIgnoreCase) == true;
}
