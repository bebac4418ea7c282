using System.Diagnostics;
using System.Net.Http.Json;
using ActorScale.Http.Endpoints;
using ActorScale.Http.Telemetry;
using ActorScale.Lab.Cluster;
using ActorScale.Silo.Hosting;
using ActorScale.Silo.Http;
using ActorScale.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ActorScale.Tests.Silo.Http;

/// <summary>
/// One HTTP request's trace, on a silo hosted in this process as <c>Program.cs</c> builds it (development mode:
/// localhost clustering on free ports, memory storage) with an in-memory exporter added: the front door's server span,
/// the grain call it makes and the grain's storage write share one trace.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Register_OneTrace_SpansFrontDoorGrainCallAndStorageWrite()
    {
        var exported = new List<Activity>();
        var httpPort = NativeProcess.FreeLoopbackPort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorScale:Storage:Provider"] = "Memory",
            ["ActorScale:Silo:SiloPort"] = NativeProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale:Silo:GatewayPort"] = NativeProcess.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale:Silo:HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale:Silo:MetricsPort"] = "0",
            ["ActorScale:Tokens:Key"] = "tracing-test-key-of-more-than-thirty-two-characters",
            ["ActorScale:Sessions:PasswordIterations"] = "1000",
            [TelemetryExtensions.TracingSetting] = "true",
        });
        builder.AddActorScaleSilo();
        builder.AddActorScaleHttp();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        await using var app = builder.Build();
        app.MapActorScaleApi();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(LocalCluster.HttpAddress(httpPort)) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { userId = TestUsers.NewId("trace"), password = "a long enough password" }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        finally
        {
            await app.StopAsync();
        }

        List<Activity> spans;
        lock (exported)
        {
            spans = [.. exported];
        }

        var server = Assert.Single(spans, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server && a.DisplayName.Contains("/api/users", StringComparison.Ordinal));
        var trace = spans.Where(a => a.TraceId == server.TraceId).ToList();
        var describe = string.Join(", ", trace.Select(a => $"{a.Source.Name}: {a.DisplayName}"));
        Assert.True(trace.Any(a => a.Source.Name == "Microsoft.Orleans.Application"), $"no grain call in the trace: {describe}");
        Assert.True(trace.Any(a => a.Source.Name == "Microsoft.Orleans.Storage" && a.DisplayName.Contains("write", StringComparison.OrdinalIgnoreCase)), $"no storage write in the trace: {describe}");
    }
}
