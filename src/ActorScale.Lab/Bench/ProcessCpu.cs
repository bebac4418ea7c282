using System.Globalization;

namespace ActorScale.Lab.Bench;

/// <summary>
/// CPU time of process trees from /proc (Linux): user + system time of each root and, for roots that fork workers
/// (PostgreSQL's backends, nginx's workers), of every descendant, plus the time of children already reaped.
/// </summary>
public static class ProcessCpu
{
    /// <summary>/proc reports CPU time in USER_HZ ticks, 100 per second on Linux.</summary>
    private const double TicksPerSecond = 100.0;

    /// <summary>CPU seconds used so far by each group's processes.</summary>
    public static Dictionary<string, double> Snapshot(IReadOnlyList<CpuGroup> groups)
    {
        var table = ReadAll();
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            double ticks = 0;
            foreach (var root in group.Pids)
            {
                ticks += TreeTicks(table, root);
            }

            result[group.Name] = result.GetValueOrDefault(group.Name) + ticks / TicksPerSecond;
        }

        return result;
    }

    /// <summary>Fields of /proc/PID/stat after the command name: (ppid, utime + stime, cutime + cstime).</summary>
    public static (int Parent, long Own, long Reaped)? ParseStat(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return ((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    private static double TreeTicks(Dictionary<int, (int Parent, long Own, long Reaped)> table, int root)
    {
        if (!table.TryGetValue(root, out var process))
        {
            return 0;
        }

        double ticks = process.Own + process.Reaped;
        foreach (var (pid, child) in table)
        {
            if (child.Parent == root && pid != root)
            {
                ticks += TreeTicks(table, pid);
            }
        }

        return ticks;
    }

    private static Dictionary<int, (int Parent, long Own, long Reaped)> ReadAll()
    {
        var table = new Dictionary<int, (int, long, long)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (ParseStat(File.ReadAllText(Path.Combine(dir, "stat"))) is { } stat)
                {
                    table[pid] = stat;
                }
            }
            catch (IOException)
            {
                // The process ended while we read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return table;
    }
}
