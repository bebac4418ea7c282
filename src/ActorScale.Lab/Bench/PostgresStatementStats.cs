using System.Text.RegularExpressions;

namespace ActorScale.Lab.Bench;

/// <summary>
/// Statements per kind from <c>pg_stat_statements</c>: a write changes rows (INSERT, UPDATE, DELETE, MERGE anywhere in it,
/// a CTE included), a read is any other SELECT/WITH/VALUES/TABLE (SELECT ... FOR UPDATE too), the rest (BEGIN, COMMIT, SET...) is control. Each call
/// is one round trip the server made to PostgreSQL (or one statement of a batch).
/// </summary>
public static partial class PostgresStatementStats
{
    public static StatementKind Classify(string query)
    {
        var text = LeadingComments().Replace(query, "").TrimStart();

        // SELECT ... FOR UPDATE locks what it reads but changes nothing: a read.
        if (Writes().IsMatch(RowLocks().Replace(text, "")))
        {
            return StatementKind.Write;
        }

        var first = text.Split([' ', '\n', '\r', '\t', '('], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant();
        return first is "SELECT" or "WITH" or "VALUES" or "TABLE" ? StatementKind.Read : StatementKind.Control;
    }

    /// <summary>Calls per kind between two snapshots of (query id → text, calls).</summary>
    public static StatementCounts Delta(IReadOnlyDictionary<long, (string Query, long Calls)> before, IReadOnlyDictionary<long, (string Query, long Calls)> after)
    {
        var byKind = Changes(before, after).GroupBy(s => Classify(s.Query)).ToDictionary(g => g.Key, g => g.Sum(s => s.Calls));
        return new StatementCounts(byKind.GetValueOrDefault(StatementKind.Read), byKind.GetValueOrDefault(StatementKind.Write), byKind.GetValueOrDefault(StatementKind.Control));
    }

    /// <summary>The statements called most between two snapshots: where a design's round trips go.</summary>
    public static IReadOnlyList<StatementUse> Top(IReadOnlyDictionary<long, (string Query, long Calls)> before, IReadOnlyDictionary<long, (string Query, long Calls)> after, long requests, int count = 6) =>
        [.. Changes(before, after)
            .Where(s => s.Calls > 0)
            .OrderByDescending(s => s.Calls)
            .Take(count)
            .Select(s => new StatementUse(Classify(s.Query), requests > 0 ? Math.Round((double)s.Calls / requests, 3) : 0, Shorten(s.Query)))];

    /// <summary>Each statement's calls between the snapshots (one first seen after <paramref name="before"/> counts from 0).</summary>
    private static IEnumerable<(string Query, long Calls)> Changes(IReadOnlyDictionary<long, (string Query, long Calls)> before, IReadOnlyDictionary<long, (string Query, long Calls)> after) =>
        after.Select(s => (s.Value.Query, s.Value.Calls - (before.TryGetValue(s.Key, out var earlier) ? earlier.Calls : 0)));

    private static string Shorten(string query)
    {
        var text = Whitespace().Replace(LeadingComments().Replace(query, ""), " ").Trim();
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RowLocks();

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Writes();

    [GeneratedRegex(@"^(\s*(--[^\n]*\n|/\*.*?\*/))*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();
}
