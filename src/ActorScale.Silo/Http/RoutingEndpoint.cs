using ActorScale.Grains.Users;

namespace ActorScale.Silo.Http;

/// <summary><c>GET /silo/routing</c>: this silo's <see cref="UserRouting"/> counters, for <c>cluster status</c>.</summary>
public static class RoutingEndpoint
{
    public static WebApplication MapRoutingEndpoint(this WebApplication app)
    {
        app.MapGet("/silo/routing", (UserRouting routing, ILocalSiloDetails silo) => TypedResults.Ok(new SiloRouting(silo.Name, routing.Local, routing.Forwarded, routing.Migrations)))
            .WithTags("Silo").WithSummary("HTTP requests this silo's user grains served for its own front door and for others', and grains that moved to follow their users");
        return app;
    }
}
