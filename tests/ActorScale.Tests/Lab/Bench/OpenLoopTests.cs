using System.Diagnostics;
using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>
/// The open-loop recorder against a simulated server (an in-memory fake: a function that answers after a millisecond,
/// except during one second in which it answers nothing until the second is over).
/// </summary>
public sealed class OpenLoopTests
{
    private static readonly TimeSpan StallFrom = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StallUntil = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task StalledServer_TheCorrectedP99IncludesTheStall_TheClosedLoopHidesIt()
    {
        var open = await LoadGenerator.RunOpenAsync(
            StalledServer(), perSecond: 200, TimeSpan.Zero, TimeSpan.FromSeconds(2), seed: 1, maxInFlight: 1024, NoOp, NoOp, CancellationToken.None);
        var closed = await LoadGenerator.RunAsync(
            StalledServer(fast: true), concurrency: 8, TimeSpan.Zero, TimeSpan.FromSeconds(2), seed: 1, NoOp, NoOp, CancellationToken.None);

        // Every request due in the stalled second waits for its end: half of them; the p99 is close to the whole second.
        Assert.InRange(open.Requests, 380, 400);
        Assert.True(open.Latency.P99 >= 900, $"open loop p99 {open.Latency.P99} ms should include the 1 s stall");
        Assert.True(open.Latency.P50 >= 1, $"open loop p50 {open.Latency.P50} ms");
        Assert.NotNull(open.SendLag);

        // The closed loop had only its 8 requests in flight when the stall began: the p99 does not see it, only the max does.
        // (Its server answers at once outside the stall, so that 8 requests are far below 1 % even on a loaded machine.)
        Assert.True(closed.Latency.P99 < 200, $"closed loop p99 {closed.Latency.P99} ms");
        Assert.True(closed.Latency.Max >= 900, $"closed loop max {closed.Latency.Max} ms");
    }

    [Fact]
    public async Task FailedRequests_AreCountedApart_AndNotInTheLatencies()
    {
        var sent = 0;
        var result = await LoadGenerator.RunOpenAsync(
            (_, _) => Interlocked.Increment(ref sent) % 2 == 0 ? throw new BenchCallException("refused") : Task.CompletedTask,
            perSecond: 100, TimeSpan.Zero, TimeSpan.FromSeconds(1), seed: 1, maxInFlight: 16, NoOp, NoOp, CancellationToken.None);

        Assert.Equal(sent, result.Requests + result.Errors);
        Assert.InRange(result.Errors, 45, 55);
        Assert.Equal(["refused"], result.ErrorSamples);
    }

    private static Task NoOp() => Task.CompletedTask;

    /// <summary>
    /// The stall is timed from the server's first request, not from its creation: a loaded machine may start the loop
    /// late. Outside the stall it answers after a millisecond, or with <paramref name="fast"/> as soon as it is scheduled.
    /// </summary>
    private static Func<Random, CancellationToken, Task> StalledServer(bool fast = false)
    {
        long first = 0;
        return async (_, cancellationToken) =>
        {
            Interlocked.CompareExchange(ref first, Stopwatch.GetTimestamp(), 0);
            var now = Stopwatch.GetElapsedTime(Interlocked.Read(ref first));
            if (now >= StallFrom && now < StallUntil)
            {
                await Task.Delay(StallUntil - now, cancellationToken);
            }
            else if (fast)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(1, cancellationToken);
            }
        };
    }
}
