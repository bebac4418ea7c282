using ActorScale.Hosting;
using ActorScale.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddActorScaleFiles(AppContext.BaseDirectory, builder.Environment.EnvironmentName);
builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, "HH:mm:ss.fff "));
builder.AddActorScaleSilo();

if (await StartupChecks.FindProblemAsync(builder.Configuration, CancellationToken.None) is { } problem)
{
    await Console.Error.WriteLineAsync($"actorscale-silo: {problem}");
    return 2;
}

return await SiloRunner.RunAsync(builder.Build());
