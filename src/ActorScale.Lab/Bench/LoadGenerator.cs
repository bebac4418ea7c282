using System.Diagnostics;
using HdrHistogram;

namespace ActorScale.Lab.Bench;

/// <summary>
/// The load generators. Closed loop (<see cref="RunAsync"/>): N workers, each sending its next request when the previous
/// one answered, for a warm-up and then a measured window; a request counts in the window it completes in. Open loop
/// (<see cref="RunOpenAsync"/>): requests sent on a fixed schedule whatever the answers do. Latencies go to HdrHistograms
/// (microseconds, 3 significant digits).
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

    /// <summary>
    /// Open loop at <paramref name="perSecond"/> requests a second: request i is due at start + i / rate, sent then (or as
    /// soon as fewer than <paramref name="maxInFlight"/> are in flight), and its latency is measured from when it was
    /// due, not from when it left. A server that stalls therefore shows the stall in every request scheduled during it, not
    /// only in the few a closed loop had in flight (coordinated omission). Requests due in the measured window count, how
    /// ever late they answer; the window's figures are read after the last of them answered.
    /// </summary>
    public static async Task<LoadResult> RunOpenAsync(
        Func<Random, CancellationToken, Task> step, double perSecond, TimeSpan warmup, TimeSpan duration, int seed, int maxInFlight,
        Func<Task> atStart, Func<Task> atEnd, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var recorder = new OpenRecorder();
        using var gate = new SemaphoreSlim(maxInFlight);
        var inFlight = new List<Task>();
        var interval = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The schedule runs on a thread of its own that sleeps until the next due time: a timer's continuation waits its
        // turn in the thread pool behind the requests' own work (with Task.Delay the generator's lateness p99 was ~4.5 ms
        // at every rate and every design), a sleeping thread wakes about a millisecond late. Requests due within that
        // millisecond leave together, each measured from its own due time.
        var scheduler = new Thread(() =>
        {
            try
            {
                var random = new Random(seed);
                for (long i = 0; ; i++)
                {
                    var due = start + (long)(i * interval);
                    if (due >= windowEnd)
                    {
                        break;
                    }

                    for (var now = Stopwatch.GetTimestamp(); now < due; now = Stopwatch.GetTimestamp())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var wait = Stopwatch.GetElapsedTime(now, due);
                        Thread.Sleep(wait > TimeSpan.FromMilliseconds(2) ? wait - TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1));
                    }

                    gate.Wait(cancellationToken);
                    inFlight.Add(SendDueAsync(step, new Random(random.Next()), due, due >= windowStart, recorder, gate, cancellationToken));
                    if (inFlight.Count >= 4096)
                    {
                        inFlight.RemoveAll(t => t.IsCompleted);
                    }
                }

                scheduled.SetResult();
            }
            catch (Exception ex)
            {
                scheduled.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "open-loop schedule",
        };
        scheduler.Start();

        await DelayUntilAsync(windowStart, cancellationToken);
        await atStart();
        await DelayUntilAsync(windowEnd, cancellationToken);
        await atEnd();
        await scheduled.Task;
        await Task.WhenAll(inFlight);
        return recorder.Result(duration.TotalSeconds);
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static async Task SendDueAsync(
        Func<Random, CancellationToken, Task> step, Random random, long due, bool measured, OpenRecorder recorder, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            await step(random, cancellationToken);
            if (measured)
            {
                recorder.Served(Micros(due), Micros(due, sent));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is BenchCallException or TaskCanceledException)
        {
            if (measured)
            {
                recorder.Failed(ex.Message);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static long Micros(long from, long? to = null) =>
        Math.Clamp((long)Stopwatch.GetElapsedTime(from, to ?? Stopwatch.GetTimestamp()).TotalMicroseconds, 1, HighestMicroseconds);

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

    /// <summary>The open loop's histograms, recorded from whichever thread a request completes on.</summary>
    private sealed class OpenRecorder
    {
        private readonly Lock _lock = new();
        private readonly LongHistogram _latencies = new(HighestMicroseconds, 3);
        private readonly LongHistogram _sendLags = new(HighestMicroseconds, 3);
        private readonly List<string> _errorSamples = [];
        private long _errors;

        public void Served(long latencyMicros, long sendLagMicros)
        {
            lock (_lock)
            {
                _latencies.RecordValue(latencyMicros);
                _sendLags.RecordValue(sendLagMicros);
            }
        }

        public void Failed(string message)
        {
            lock (_lock)
            {
                _errors++;
                if (_errorSamples.Count < 3 && !_errorSamples.Contains(message))
                {
                    _errorSamples.Add(message);
                }
            }
        }

        public LoadResult Result(double seconds)
        {
            lock (_lock)
            {
                return new LoadResult(_latencies.TotalCount, _errors, seconds, Latency.From(_latencies), [.. _errorSamples], Latency.From(_sendLags));
            }
        }
    }

    private sealed class WorkerResult
    {
        public LongHistogram Latencies { get; } = new(HighestMicroseconds, 3);

        public long Errors { get; set; }

        public List<string> ErrorSamples { get; } = [];
    }
}
