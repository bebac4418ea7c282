namespace ActorScale.Lab.Cluster;

/// <summary>Reads a process's resident memory from /proc (Linux).</summary>
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
}
