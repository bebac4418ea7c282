using ActorScale.Domain.Admission;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Options;

namespace ActorScale.Tests.Domain.Admission;

public sealed class PasswordGateTests
{
    [Fact]
    public async Task Run_AllSlotsTaken_RefusesAtOnceWithTooManyRequestsAndRetryAfter()
    {
        using var gate = Gate(permits: 2);
        using var release = new ManualResetEventSlim();
        var started = new CountdownEvent(2);
        var busy = Enumerable.Range(0, 2).Select(_ => Task.Run(() => gate.Run(() =>
        {
            started.Signal();
            release.Wait(TimeSpan.FromSeconds(30));
            return true;
        }))).ToList();
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the two slow hashes did not start");

        var refused = Assert.Throws<ActorScaleException>(() => gate.Run(() => true));
        release.Set();
        await Task.WhenAll(busy);
        var afterwards = gate.Run(() => true);

        Assert.Equal(ActorScaleErrorCode.TooManyRequests, refused.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        Assert.True(afterwards);
        Assert.Equal(3, gate.HashesRun);
    }

    [Fact]
    public async Task RunAsync_SlotFreedWithinTheWait_WaitsForItInsteadOfRefusing()
    {
        using var gate = Gate(permits: 1, wait: TimeSpan.FromSeconds(20));
        using var release = new ManualResetEventSlim();
        var busy = await OccupyTheSlotAsync(gate, release);

        var waiting = gate.RunAsync(() => 2);
        Assert.False(waiting.IsCompleted, "the second hash ran while the only slot was taken");
        release.Set();

        Assert.Equal(2, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await busy);
    }

    [Fact]
    public async Task RunAsync_SlotNotFreedWithinTheWait_TooManyRequests()
    {
        using var gate = Gate(permits: 1, wait: TimeSpan.FromMilliseconds(100));
        using var release = new ManualResetEventSlim();
        var busy = await OccupyTheSlotAsync(gate, release);

        var refused = await Assert.ThrowsAsync<ActorScaleException>(() => gate.RunAsync(() => 2));
        release.Set();
        await busy;

        Assert.Equal(ActorScaleErrorCode.TooManyRequests, refused.Code);
        Assert.Equal(1, gate.HashesRun);
    }

    [Fact]
    public void Verify_NoStoredHash_RunsOneHashAndFails()
    {
        using var gate = Gate(permits: 1);

        var matched = gate.Verify("a password", null);

        Assert.False(matched);
        Assert.Equal(1, gate.HashesRun);
    }

    [Fact]
    public void Verify_HashOfTheGate_Matches()
    {
        using var gate = Gate(permits: 1);

        Assert.True(gate.Verify("a password", gate.Hash("a password")));
        Assert.False(gate.Verify("another one", gate.Hash("a password")));
    }

    [Fact]
    public void HashPermits_Zero_IsTheCoreCount() =>
        Assert.Equal(Environment.ProcessorCount, new AdmissionOptions { MaxConcurrentHashes = 0 }.HashPermits);

    /// <summary>Starts a hash that holds the gate's one slot until <paramref name="release"/> is set; returns once it runs.</summary>
    private static async Task<Task<int>> OccupyTheSlotAsync(PasswordGate gate, ManualResetEventSlim release)
    {
        using var started = new SemaphoreSlim(0);
        var busy = Task.Run(() => gate.Run(() =>
        {
            started.Release();
            release.Wait(TimeSpan.FromSeconds(30));
            return 1;
        }));
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(10)), "the slow hash did not start");
        return busy;
    }

    private static PasswordGate Gate(int permits, TimeSpan? wait = null) =>
        new(Options.Create(new AdmissionOptions { MaxConcurrentHashes = permits, HashSlotWait = wait ?? TimeSpan.Zero }), Options.Create(new SessionOptions { PasswordIterations = 1000 }));
}
