namespace ActorScale.Lab.Bench;

/// <summary>The designs or workloads a bench run is asked for, by name (<see cref="BenchDesigns.All"/>, <see cref="BenchWorkloads.All"/>).</summary>
public static class BenchNames
{
    /// <summary>Comma- or space-separated names, each one of <paramref name="known"/>, kept in the known order; <paramref name="defaults"/> (else all) when none given.</summary>
    public static IReadOnlyList<string> Parse(string[]? given, IReadOnlyList<string> known, string what, IReadOnlyList<string>? defaults = null)
    {
        var names = (given ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count == 0)
        {
            return defaults ?? known;
        }

        var unknown = names.FirstOrDefault(n => !known.Contains(n));
        return unknown is not null
            ? throw new UsageException($"unknown {what} '{unknown}' ({what}s: {string.Join(", ", known)})")
            : [.. known.Where(names.Contains)];
    }
}
