using ActorScale.Hosting;
using ActorScale.Http.Endpoints;
using ActorScale.Http.Telemetry;
using ActorScale.Silo.Dashboard;
using ActorScale.Silo.Hosting;
using ActorScale.Silo.Http;

SelfRestart.Remember(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddActorScaleFiles(AppContext.BaseDirectory, builder.Environment.EnvironmentName);
builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff "));
builder.AddActorScaleSilo();
builder.AddActorScaleHttp();

if (await StartupChecks.FindProblemAsync(builder.Configuration, CancellationToken.None) is { } problem)
{
    await Console.Error.WriteLineAsync($"actorscale-silo: {problem}");
    return 2;
}

var app = builder.Build();
var managementPort = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>()?.MetricsPort ?? 0;
app.MapActorScaleMetrics(managementPort, DashboardExtensions.Path);
app.MapActorScaleDashboard(managementPort);
app.MapActorScaleApi();
app.MapRoutingEndpoint();
return await SiloRunner.RunAsync(app);
