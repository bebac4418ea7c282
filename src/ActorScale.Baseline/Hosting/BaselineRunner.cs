using Microsoft.Extensions.Options;

namespace ActorScale.Baseline.Hosting;

/// <summary>Runs the server; a bad setting or a port already taken ends it with one line on stderr, not a stack trace.</summary>
public static class BaselineRunner
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"actorscale-baseline: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"actorscale-baseline: {ex.Message.Split('\n')[0].Trim()}");
            return 2;
        }
    }
}
