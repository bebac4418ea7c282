using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorScale.Lab.Chaos;

/// <summary>Every operation of a run with its outcome, plus per-second counters for the timeline and the live view.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();
    private readonly ConcurrentDictionary<int, Counter> _seconds = new();
    private readonly ConcurrentQueue<(double At, string Error)> _failures = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _ok;
    private long _failedAttempts;

    public double Now => _clock.Elapsed.TotalSeconds;

    public long Ok => Interlocked.Read(ref _ok);

    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    public IReadOnlyList<LedgerEntry> Entries => [.. _entries];

    public void Record(LedgerEntry entry)
    {
        _entries.Enqueue(entry);
        if (entry.Outcome == Outcome.Ok)
        {
            Interlocked.Increment(ref _ok);
            Interlocked.Increment(ref _seconds.GetOrAdd((int)entry.End, _ => new Counter()).Ok);
        }
    }

    /// <summary>Failed attempts by what failed them (an error code, an exception type, an HTTP status): where retries come from.</summary>
    public IReadOnlyDictionary<string, long> FailedAttemptsByError => FailedAttemptsBetween(double.MinValue, double.MaxValue);

    /// <summary>Failed attempts between two times of the run, by cause: what a cluster change cost, and why.</summary>
    public IReadOnlyDictionary<string, long> FailedAttemptsBetween(double from, double to) =>
        _failures.Where(f => f.At >= from && f.At <= to).GroupBy(f => f.Error).ToDictionary(g => g.Key, g => (long)g.Count());

    public void FailedAttempt(double at, string error)
    {
        _failures.Enqueue((at, error));
        Interlocked.Increment(ref _failedAttempts);
        Interlocked.Increment(ref _seconds.GetOrAdd((int)at, _ => new Counter()).Errors);
    }

    /// <summary>Acknowledged operations and failed attempts per second, from 0 to the last second seen.</summary>
    public IReadOnlyList<(int Second, long Ok, long Errors)> Timeline()
    {
        var last = _seconds.Keys.DefaultIfEmpty(0).Max();
        return [.. Enumerable.Range(0, last + 1).Select(s => _seconds.TryGetValue(s, out var c) ? (s, c.Ok, c.Errors) : (s, 0L, 0L))];
    }

    private sealed class Counter
    {
        public long Ok;
        public long Errors;
    }
}
