using ActorScale.Domain.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorScale.Http.Telemetry;

/// <summary>
/// OpenTelemetry metrics of a server (silo or baseline), in Prometheus' text format at <see cref="MetricsPath"/> on a
/// management port of its own, which the public balancer does not route to: ASP.NET Core's (<c>http.server.*</c>),
/// the .NET runtime's, Npgsql's (meter <c>Npgsql</c>), ActorScale's (<see cref="ActorScaleMetrics"/>) and any the server
/// adds (the silo: Orleans' meter <c>Microsoft.Orleans</c>). Traces: ASP.NET Core's server spans and the activity
/// sources the server names (the silo: Orleans' grain calls and storage), exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (OpenTelemetry's own variables configure the rest). Without it no span is
/// recorded at all (<see cref="TracingSetting"/> turns recording on without an exporter, for one added in-process), so a
/// server that exports nothing pays nothing per request for tracing.
/// </summary>
public static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The variable that turns on the OTLP trace exporter (OpenTelemetry's standard one).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics on (default true). Off, no meter is listened to, so no instrument records anything (ASP.NET Core's, the
    /// runtime's, Npgsql's, Orleans' and ours all check for a listener first) and <see cref="MetricsPath"/> answers 404:
    /// what the bench's <c>ActorScale__Telemetry__Metrics=false</c> runs measure the metrics' cost against.
    /// </summary>
    public const string MetricsSetting = "ActorScale:Telemetry:Metrics";

    /// <summary>Records spans even without an OTLP endpoint (for an exporter added in-process); default false.</summary>
    public const string TracingSetting = "ActorScale:Telemetry:Tracing";

    /// <param name="services">The server's services.</param>
    /// <param name="serviceName">The OpenTelemetry service name.</param>
    /// <param name="meters">Further meters to export.</param>
    /// <param name="traceSources">Activity sources to trace beside ASP.NET Core's.</param>
    /// <param name="configuration">Where <see cref="TracingSetting"/> is read.</param>
    public static IServiceCollection AddActorScaleTelemetry(this IServiceCollection services, string serviceName, string[] meters, string[] traceSources, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (configuration.GetValue(MetricsSetting, true))
        {
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", ActorScaleMetrics.MeterName)
                .AddMeter(meters)
                .AddPrometheusExporter());
        }

        if (otlp || configuration.GetValue<bool>(TracingSetting))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != MetricsPath).AddSource(traceSources);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        return services;
    }

    /// <summary>
    /// Serves <see cref="MetricsPath"/> on <paramref name="port"/> only, and nothing else there but the paths under
    /// <paramref name="alsoServed"/> (which their own routes must keep to that port): the API's routes answer 404 on the
    /// management port, the metrics 404 on the API's ports.
    /// </summary>
    public static WebApplication MapActorScaleMetrics(this WebApplication app, int port, params string[] alsoServed)
    {
        if (port == 0)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == port && context.Request.Path != MetricsPath && !alsoServed.Any(p => context.Request.Path.StartsWithSegments(p)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        if (app.Configuration.GetValue(MetricsSetting, true))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost($"*:{port}");
        }

        return app;
    }
}
