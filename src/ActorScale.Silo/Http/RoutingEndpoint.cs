using System.Diagnostics.Metrics;
using ActorScale.Domain.Telemetry;
using ActorScale.Grains.Users;

namespace ActorScale.Silo.Http;

/// <summary><c>GET /silo/routing</c>: this silo's <see cref="UserRouting"/> counters, for <c>cluster status</c>; the same as the metrics <c>actorscale.http.user_requests</c> and <c>actorscale.grains.migrations</c>.</summary>
public static class RoutingEndpoint
{
    public static WebApplication MapRoutingEndpoint(this WebApplication app)
    {
        app.MapGet("/silo/routing", (UserRouting routing, ILocalSiloDetails silo) => TypedResults.Ok(new SiloRouting(silo.Name, routing.Local, routing.Forwarded, routing.Migrations)))
            .WithTags("Silo").WithSummary("HTTP requests this silo's user grains served for its own front door and for others', and grains that moved to follow their users");

        // The same counts as metrics: what Prometheus's forwarded share is computed from.
        var routing = app.Services.GetRequiredService<UserRouting>();
        ActorScaleMetrics.Meter.CreateObservableCounter(
            "actorscale.http.user_requests",
            () => new[] { new Measurement<long>(routing.Local, ActorScaleMetrics.Tag("served", "local")), new Measurement<long>(routing.Forwarded, ActorScaleMetrics.Tag("served", "forwarded")) },
            "{request}",
            "HTTP requests this silo's user grains served, for its own front door (local) or another silo's (forwarded)");
        ActorScaleMetrics.Meter.CreateObservableCounter("actorscale.grains.migrations", () => routing.Migrations, "{grain}", "User grains that moved to the silo their user's requests reach");
        return app;
    }
}
