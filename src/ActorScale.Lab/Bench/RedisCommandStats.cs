using System.Globalization;

namespace ActorScale.Lab.Bench;

/// <summary>Redis's <c>INFO commandstats</c>: calls per command since the server started (or the last CONFIG RESETSTAT).</summary>
public static class RedisCommandStats
{
    /// <summary>Commands the bench itself sends to read the counters: never counted against a design.</summary>
    private static readonly HashSet<string> OwnCommands = ["info"];

    /// <summary>Parses lines like <c>cmdstat_hget:calls=12,usec=40,...</c> into calls per command.</summary>
    public static Dictionary<string, long> Parse(string info)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in info.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal) || line.IndexOf(':') is var colon && colon < 0)
            {
                continue;
            }

            var command = line["cmdstat_".Length..colon];
            var field = line[(colon + 1)..].Split(',').FirstOrDefault(f => f.StartsWith("calls=", StringComparison.Ordinal));
            if (field is not null && long.TryParse(field["calls=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                calls[command] = count;
            }
        }

        return calls;
    }

    /// <summary>Commands run between two snapshots, the bench's own excepted.</summary>
    public static long Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(c => !OwnCommands.Contains(c.Key)).Sum(c => c.Value - before.GetValueOrDefault(c.Key));
}
