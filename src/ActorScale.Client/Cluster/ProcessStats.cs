namespace ActorScale.Client.Cluster;

/// <summary>Reads a process's resident memory and CPU time from /proc (Linux).</summary>
public static class ProcessStats
{
    /// <summary>Resident set size in MiB, or null when the process is gone.</summary>
    public static double? RssMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>User + system CPU seconds used so far, or null when the process is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return ticks / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
