using System.Diagnostics;
using HdrHistogram;

namespace ActorScale.Lab.Bench;

/// <summary>
/// A closed-loop load generator: N workers, each sending its next request when the previous one answered, for a warm-up
/// and then a measured window. Latencies go to one HdrHistogram per worker (microseconds, 3 significant digits), merged
/// at the end; a request counts in the window it completes in.
/// </summary>
public static class LoadGenerator
{
    /// <summary>Latencies above a minute are recorded as a minute.</summary>
    private const long HighestMicroseconds = 60_000_000;

    /// <summary>
    /// Runs the load; <paramref name="atStart"/> and <paramref name="atEnd"/> run right when the measured window opens and
    /// closes (counter snapshots), while the workers keep going.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        Func<Random, CancellationToken, Task> step, int concurrency, TimeSpan warmup, TimeSpan duration, int seed,
        Func<Task> atStart, Func<Task> atEnd, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Window();
        var workers = Enumerable.Range(0, concurrency)
            .Select(i => Task.Run(() => WorkAsync(step, new Random(seed * 7919 + i), window, stop.Token), CancellationToken.None))
            .ToList();

        await Task.Delay(warmup, cancellationToken);
        await atStart();
        var clock = Stopwatch.StartNew();
        window.Open = true;
        await Task.Delay(duration, cancellationToken);
        window.Open = false;
        var seconds = clock.Elapsed.TotalSeconds;
        await atEnd();
        await stop.CancelAsync();
        var results = await Task.WhenAll(workers);

        var histogram = new LongHistogram(HighestMicroseconds, 3);
        foreach (var worker in results)
        {
            histogram.Add(worker.Latencies);
        }

        return new LoadResult(
            histogram.TotalCount,
            results.Sum(r => r.Errors),
            seconds,
            Latency.From(histogram),
            [.. results.SelectMany(r => r.ErrorSamples).Distinct().Take(3)]);
    }

    private static async Task<WorkerResult> WorkAsync(Func<Random, CancellationToken, Task> step, Random random, Window window, CancellationToken stop)
    {
        var result = new WorkerResult();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await step(random, stop);
                if (window.Open)
                {
                    var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                    result.Latencies.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is BenchCallException or TaskCanceledException)
            {
                if (window.Open)
                {
                    result.Errors++;
                    if (result.ErrorSamples.Count < 3)
                    {
                        result.ErrorSamples.Add(ex.Message);
                    }
                }
            }
        }

        return result;
    }

    private sealed class Window
    {
        private volatile bool _open;

        public bool Open
        {
            get => _open;
            set => _open = value;
        }
    }

    private sealed class WorkerResult
    {
        public LongHistogram Latencies { get; } = new(HighestMicroseconds, 3);

        public long Errors { get; set; }

        public List<string> ErrorSamples { get; } = [];
    }
}
