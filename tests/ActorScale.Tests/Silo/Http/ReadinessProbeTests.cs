using ActorScale.Silo.Http;
using Microsoft.Extensions.Time.Testing;

namespace ActorScale.Tests.Silo.Http;

public sealed class ReadinessProbeTests
{
    private readonly FakeTimeProvider _time = new();
    private SiloStatus _status = SiloStatus.Active;
    private int _checks;

    [Fact]
    public async Task FindProblem_ActiveAndStorageAnswers_IsNull() =>
        Assert.Null(await Probe(_ => Task.CompletedTask).FindProblemAsync());

    [Theory]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Dead)]
    public async Task FindProblem_SiloNotActive_SaysItsStatus_WithoutTouchingStorage(SiloStatus status)
    {
        _status = status;

        var problem = await Probe(_ => Task.CompletedTask).FindProblemAsync();

        Assert.Contains($"{status} in the cluster membership", problem, StringComparison.Ordinal);
        Assert.Equal(0, _checks);
    }

    [Fact]
    public async Task FindProblem_StorageThrows_SaysStorageIsNotReachable_WithoutTheErrorsText()
    {
        var problem = await Probe(_ => throw new InvalidOperationException("Failed to connect to 10.0.0.7:5432 as actorscale_app\nsecond line")).FindProblemAsync();

        Assert.Equal(ReadinessProbe.StorageUnreachable, problem);
        Assert.DoesNotContain("5432", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindProblem_WithinCacheTime_ChecksStorageOnce_ThenAgainAfterIt()
    {
        var probe = Probe(_ => Task.CompletedTask);

        await probe.FindProblemAsync();
        _time.Advance(ReadinessProbe.StorageCacheTime - TimeSpan.FromMilliseconds(1));
        await probe.FindProblemAsync();
        Assert.Equal(1, _checks);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await probe.FindProblemAsync();
        Assert.Equal(2, _checks);
    }

    [Fact]
    public async Task FindProblem_StorageHangs_NotReadyAfterTheTimeout_AndNoSecondCheckPilesUp()
    {
        var hung = new TaskCompletionSource();
        var probe = Probe(_ => hung.Task);

        var first = probe.FindProblemAsync();
        _time.Advance(ReadinessProbe.StorageTimeout);
        var problem = await first;
        _time.Advance(ReadinessProbe.StorageCacheTime);
        var second = probe.FindProblemAsync();
        _time.Advance(ReadinessProbe.StorageTimeout);
        await second;

        Assert.Equal($"grain storage did not answer within {ReadinessProbe.StorageTimeout.TotalSeconds:0} s", problem);
        Assert.Equal(1, _checks);
    }

    private ReadinessProbe Probe(Func<CancellationToken, Task> storage) =>
        new("silo-test", () => null, () => null, () => _status, cancellation =>
        {
            _checks++;
            return storage(cancellation);
        }, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
}
