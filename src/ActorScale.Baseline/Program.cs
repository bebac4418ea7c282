using ActorScale.Baseline.Hosting;
using ActorScale.Hosting;
using ActorScale.Http.Endpoints;
using ActorScale.Http.Telemetry;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddActorScaleFiles(AppContext.BaseDirectory, builder.Environment.EnvironmentName);
builder.Configuration.AddCommandLine(args, BaselineSettings.Switches.ToDictionary());
builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff "));
if (args is [BaselineMigration.Command, ..])
{
    return await BaselineMigration.RunAsync(builder.Configuration);
}

builder.AddActorScaleBaseline();
var app = builder.Build();
app.MapActorScaleMetrics(builder.Configuration.GetSection(BaselineSettings.Section).Get<BaselineSettings>()?.MetricsPort ?? 0);
app.MapActorScaleApi();
return await BaselineRunner.RunAsync(app);
