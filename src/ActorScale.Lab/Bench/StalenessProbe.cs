using System.Diagnostics;

namespace ActorScale.Lab.Bench;

/// <summary>
/// Measures read-your-writes: for each probed user one writer sets a line's quantity again and again (each change a new
/// cart version) while one reader reads the cart again and again. Before each read the reader notes the newest version
/// acknowledged to the writer so far; a read that returns an older version is a violation: a write acknowledged before
/// the read was sent is missing from what the read saw (a replica behind its primary, a cache that kept or put back an
/// old cart). Every pair runs at once, so the servers are under load from writers and readers alike.
/// </summary>
public static class StalenessProbe
{
    public static async Task<StalenessResult> RunAsync(BenchTarget target, IReadOnlyList<BenchUser> users, TimeSpan duration, CancellationToken cancellationToken)
    {
        var probes = users.Select(u => new Probe(u)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(probes.SelectMany(p => new[]
        {
            Task.Run(() => WriteAsync(target, p, stop.Token), CancellationToken.None),
            Task.Run(() => ReadAsync(target, p, stop.Token), CancellationToken.None),
        }));
        cancellationToken.ThrowIfCancellationRequested();

        var lags = probes.SelectMany(p => p.Lags).Order().ToList();
        return new StalenessResult(
            probes.Count,
            Math.Round(clock.Elapsed.TotalSeconds, 1),
            probes.Sum(p => p.Writes),
            probes.Sum(p => p.Reads),
            lags.Count,
            lags.Count == 0 ? null : Math.Round(lags[lags.Count / 2], 1),
            lags.Count == 0 ? null : Math.Round(lags[^1], 1),
            probes.Sum(p => p.Errors));
    }

    private static async Task WriteAsync(BenchTarget target, Probe probe, CancellationToken stop)
    {
        var n = 0;
        do
        {
            // Alternating quantities: every write changes the cart, so every acknowledgement names a newer version.
            var version = await Attempt(() => target.SetQuantityVersionAsync(probe.User.Token, probe.User.Skus[0], ++n % 2 + 1, CancellationToken.None), probe, stop);
            if (version is { } acknowledged)
            {
                probe.Acknowledged(acknowledged, Stopwatch.GetTimestamp());
            }
        }
        while (!stop.IsCancellationRequested);
    }

    private static async Task ReadAsync(BenchTarget target, Probe probe, CancellationToken stop)
    {
        do
        {
            var expected = probe.Newest;
            var sent = Stopwatch.GetTimestamp();
            if (await Attempt(() => target.CartVersionAsync(probe.User.Token, CancellationToken.None), probe, stop) is { } seen)
            {
                probe.Read(seen, expected, sent);
            }
        }
        while (!stop.IsCancellationRequested);
    }

    /// <summary>
    /// The call's answer; null when it failed (counted). Each loop makes at least one call and a call in progress when the
    /// window closes completes (calls are not cancelled: a write cut off midway would leave its outcome unknown).
    /// </summary>
    private static async Task<int?> Attempt(Func<Task<int>> call, Probe probe, CancellationToken stop)
    {
        try
        {
            return await call();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (ex is BenchCallException or TaskCanceledException)
        {
            Interlocked.Increment(ref probe.Errors);
            return null;
        }
    }

    private sealed class Probe(BenchUser user)
    {
        private readonly Lock _lock = new();
        private readonly List<(int Version, long At)> _acknowledged = [];
        private int _newest = -1;

        public long Errors;

        public BenchUser User => user;

        public int Newest => Volatile.Read(ref _newest);

        public long Writes { get; private set; }

        public long Reads { get; private set; }

        public List<double> Lags { get; } = [];

        public void Acknowledged(int version, long at)
        {
            lock (_lock)
            {
                Writes++;
                if (version > _newest)
                {
                    _acknowledged.Add((version, at));
                    Volatile.Write(ref _newest, version);
                }
            }
        }

        /// <summary>A read sent at <paramref name="sent"/>, when <paramref name="expected"/> was the newest acknowledged version, returned <paramref name="seen"/>.</summary>
        public void Read(int seen, int expected, long sent)
        {
            lock (_lock)
            {
                Reads++;
                if (seen >= expected)
                {
                    return;
                }

                // The oldest acknowledged version the read missed: it had been acknowledged this long before the read left.
                var missed = _acknowledged.First(a => a.Version > seen);
                Lags.Add(Stopwatch.GetElapsedTime(missed.At, sent).TotalMilliseconds);
            }
        }
    }
}
