using Microsoft.Extensions.Options;

namespace ActorScale.Silo.Hosting;

/// <summary>Runs the host; a start-up failure becomes one line on stderr and exit code 1, not a stack trace.</summary>
public static class SiloRunner
{
    public static async Task<int> RunAsync(IHost host)
    {
        try
        {
            // Options first, so a bad setting is our one line and not the host's logged stack trace.
            host.Services.GetService<IStartupValidator>()?.Validate();
            await host.StartAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"actorscale-silo: failed to start: {ex.GetBaseException().Message.Split('\n')[0]}");
            return 1;
        }

        await host.WaitForShutdownAsync();
        host.Dispose();
        return 0;
    }
}
