using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Bench;

/// <summary>Reads what the report records about the machine: cores, memory, CPU model, OS and every version that ran.</summary>
public static class MachineProbe
{
    public static async Task<MachineInfo> ReadAsync(StoreCounters counters) => new(
        Environment.ProcessorCount,
        Math.Round(MemTotalKiB() / 1024.0 / 1024.0, 1),
        FirstValue("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        typeof(IClusterClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(['+', ' '])[0].TrimEnd('.') ?? "?",
        await counters.RedisVersionAsync(),
        await counters.PostgresVersionAsync(),
        await NginxVersionAsync());

    private static long MemTotalKiB() =>
        long.TryParse(FirstValue("/proc/meminfo", "MemTotal", ':')?.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : 0;

    private static string? FirstValue(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(separator) + 1)..].Trim();
    }

    /// <summary><c>nginx -v</c> prints "nginx version: nginx/1.22.1" on stderr.</summary>
    private static async Task<string> NginxVersionAsync()
    {
        if (AptPackage.FindOnPath(NginxServer.Program) is not { } nginx)
        {
            return "not installed";
        }

        var start = new ProcessStartInfo(nginx, "-v") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var text = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Trim().Split('/').LastOrDefault() ?? "?";
    }
}
