using System.Diagnostics;
using System.Text.Json;

namespace ActorScale.Tests.Support;

/// <summary>Runs the built <c>actorscale</c> console as a process, as a person or a script would; killed after <paramref name="timeout"/> (default 60 s).</summary>
public sealed class Cli(string home, string profile, TimeSpan? timeout = null)
{
    public static string Program
    {
        get
        {
            var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(own.Parent!.Parent!.FullName, "ActorScale.Client", own.Name, "actorscale");
        }
    }

    public async Task<CliResult> RunAsync(params string[] arguments) => await RunWithInputAsync(null, arguments);

    public async Task<CliResult> RunWithInputAsync(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ACTORSCALE_HOME"] = home;
        start.Environment["ACTORSCALE_PROFILE"] = profile;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return new CliResult(process.ExitCode, await output, await errors, clock.Elapsed);
    }
}

/// <summary>What one run of the console produced.</summary>
public sealed record CliResult(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    /// <summary>The single JSON document of a <c>--json</c> run (parsing fails if there is anything else).</summary>
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    public string[] ErrorLines => Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Errors}";
}
