using ActorScale.Domain.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ActorScale.Http.Telemetry;

/// <summary>
/// OpenTelemetry metrics of a server (silo or baseline), in Prometheus' text format at <see cref="MetricsPath"/> on a
/// management port of its own, which the public balancer does not route to: ASP.NET Core's (<c>http.server.*</c>),
/// the .NET runtime's, Npgsql's (meter <c>Npgsql</c>), ActorScale's (<see cref="ActorScaleMetrics"/>) and any the server
/// adds (the silo: Orleans' meter <c>Microsoft.Orleans</c>).
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddActorScaleMetrics(this IServiceCollection services, string serviceName, params string[] meters)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", ActorScaleMetrics.MeterName)
                .AddMeter(meters)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// Serves <see cref="MetricsPath"/> on <paramref name="port"/> only, and nothing else there: the API's routes answer
    /// 404 on the management port, the metrics 404 on the API's ports.
    /// </summary>
    public static WebApplication MapActorScaleMetrics(this WebApplication app, int port)
    {
        if (port == 0)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == port && context.Request.Path != MetricsPath)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost($"*:{port}");
        return app;
    }
}
