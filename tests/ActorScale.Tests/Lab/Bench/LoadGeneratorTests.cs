using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>The load generator against an in-memory fake step (no servers): what it counts and how it measures.</summary>
public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task FakeStep_SuccessesAreTimed_FailuresCounted_CountersReadAtBothEndsOfTheWindow()
    {
        var snapshots = new List<string>();
        var calls = 0;

        var result = await LoadGenerator.RunAsync(
            async (random, ct) =>
            {
                await Task.Delay(1, ct);
                if (Interlocked.Increment(ref calls) % 4 == 0)
                {
                    throw new BenchCallException("fake: 503");
                }
            },
            concurrency: 4,
            warmup: TimeSpan.FromMilliseconds(100),
            duration: TimeSpan.FromMilliseconds(400),
            seed: 1,
            atStart: () => { snapshots.Add("start"); return Task.CompletedTask; },
            atEnd: () => { snapshots.Add("end"); return Task.CompletedTask; },
            CancellationToken.None);

        Assert.Equal(["start", "end"], snapshots);
        Assert.True(result.Requests > 0 && result.Errors > 0, $"{result.Requests} served, {result.Errors} failed");
        Assert.InRange(result.Errors / (double)(result.Requests + result.Errors), 0.15, 0.35);
        Assert.Equal(["fake: 503"], result.ErrorSamples);
        Assert.True(result.Latency.P50 >= 1 && result.Latency.P50 <= result.Latency.P99 && result.Latency.P99 <= result.Latency.Max, result.Latency.ToString());
        Assert.InRange(result.Seconds, 0.3, 5);
    }
}
