using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace ActorScale.Tests.Support;

/// <summary>
/// Debian's <c>chromium</c>, headless, one page per run: the DOM once the page's scripts have run for
/// <see cref="VirtualTime"/> of virtual time, and optionally a screenshot. Credentials in the URL are what Chromium answers
/// the page's Basic challenge with, and it sends them again with the page's own requests to the same folder. Each run
/// gets a temporary folder for its profile, HOME and config (so the crash handlers, which detach from the browser, keep
/// their database there too); afterwards every process whose command line names that folder is killed by PID, and the
/// folder deleted.
/// </summary>
public static class HeadlessChromium
{
    public const string Program = "chromium";

    private static readonly TimeSpan VirtualTime = TimeSpan.FromSeconds(5);

    public static async Task<ChromiumPage> LoadAsync(Uri url, string? screenshotFile = null)
    {
        var folder = Directory.CreateTempSubdirectory("actorscale-chromium-").FullName;
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                $"--user-data-dir={Path.Combine(folder, "profile")}",
                $"--virtual-time-budget={VirtualTime.TotalMilliseconds:0}",
                "--window-size=1400,1000",
                .. screenshotFile is null ? Array.Empty<string>() : [$"--screenshot={screenshotFile}"],
                "--dump-dom",
                url.AbsoluteUri,
            ];
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var result = await CliWrap.Cli.Wrap(Program)
                .WithArguments(arguments)
                .WithEnvironmentVariables(e => e.Set("HOME", folder).Set("XDG_CONFIG_HOME", Path.Combine(folder, "config")))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(deadline.Token);
            return new ChromiumPage(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run {Program} ({ex.Message}): install Debian's chromium (.ci/run does)", ex);
        }
        finally
        {
            KillProcessesNaming(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void KillProcessesNaming(string folder)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(process, "cmdline")).Contains(folder, StringComparison.Ordinal))
                {
                    using var found = System.Diagnostics.Process.GetProcessById(pid);
                    found.Kill();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }
}

/// <summary>One page as headless Chromium rendered it; its text says what is needed to judge a failed wait.</summary>
public sealed record ChromiumPage(int ExitCode, string Dom, string Errors)
{
    public override string ToString() =>
        $"exit {ExitCode}, {Dom.Length} characters of DOM, stderr: {string.Join(" | ", Errors.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal) && !l.Contains("dbus", StringComparison.Ordinal)).TakeLast(2))}";
}
