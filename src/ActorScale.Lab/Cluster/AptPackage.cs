using System.Diagnostics;

namespace ActorScale.Lab.Cluster;

/// <summary>Debian packages the local cluster runs (redis-server, nginx): found on the PATH, else installed with apt-get as root.</summary>
public static class AptPackage
{
    /// <summary>Installs <paramref name="package"/> when <paramref name="program"/> is missing and we are root; otherwise says the exact command.</summary>
    public static async Task EnsureInstalledAsync(string program, string package, string logFile)
    {
        if (FindOnPath(program) is not null)
        {
            return;
        }

        if (!NativeProcess.IsRoot)
        {
            throw new InvalidOperationException($"{program} is not installed: run `sudo apt-get update && sudo apt-get install -y {package}`");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var install = new ProcessStartInfo("sh", ["-c", $"(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {package}) >>'{logFile}' 2>&1"]);
        using var process = Process.Start(install)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || FindOnPath(program) is null)
        {
            throw new InvalidOperationException($"apt-get install {package} failed (exit {process.ExitCode}); see {logFile}");
        }
    }

    /// <summary>The program on the PATH (or in /usr/sbin, where nginx lives), else null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':')
            .Append("/usr/sbin")
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
