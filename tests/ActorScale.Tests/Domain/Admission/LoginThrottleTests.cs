using ActorScale.Domain.Admission;
using ActorScale.Domain.Errors;

namespace ActorScale.Tests.Domain.Admission;

public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AdmissionOptions _options = new();

    [Fact]
    public void Failed_BeyondTheFreeFailures_WaitsDoublingUpToTheCap()
    {
        var throttle = new LoginThrottle(_options, 10);
        var waits = new List<TimeSpan>();
        var now = T0;
        for (var i = 0; i < _options.LoginFreeFailures + 10; i++)
        {
            throttle.ThrowIfWaiting("a", now);
            throttle.Failed("a", now);
            var wait = WaitOf(throttle, "a", now);
            waits.Add(wait);
            now += wait;
        }

        Assert.All(waits.Take(_options.LoginFreeFailures - 1), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)],
            waits.Skip(_options.LoginFreeFailures - 1).Take(4));
        Assert.Equal(_options.LoginMaxDelay, waits[^1]);
    }

    [Fact]
    public void Failed_OneKeyWaiting_OtherKeysAndASuccessAreFree()
    {
        var throttle = new LoginThrottle(_options, 10);
        for (var i = 0; i < _options.LoginFreeFailures; i++)
        {
            throttle.Failed("attacker", T0);
        }

        Assert.Throws<ActorScaleException>(() => throttle.ThrowIfWaiting("attacker", T0));
        throttle.ThrowIfWaiting("owner", T0);
        throttle.Succeeded("attacker");
        throttle.ThrowIfWaiting("attacker", T0);
    }

    [Fact]
    public void Failed_AfterTheFailureMemory_StartsAfresh()
    {
        var throttle = new LoginThrottle(_options, 10);
        for (var i = 0; i < _options.LoginFreeFailures; i++)
        {
            throttle.Failed("a", T0);
        }

        throttle.Failed("a", T0 + _options.LoginFailureMemory + TimeSpan.FromSeconds(1));

        throttle.ThrowIfWaiting("a", T0 + _options.LoginFailureMemory + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Failed_MoreKeysThanTheCapacity_ForgetsTheOldest()
    {
        var throttle = new LoginThrottle(_options, 3);
        for (var i = 0; i < _options.LoginFreeFailures; i++)
        {
            throttle.Failed("oldest", T0);
        }

        for (var key = 0; key < 3; key++)
        {
            throttle.Failed($"k{key}", T0 + TimeSpan.FromMilliseconds(key + 1));
        }

        Assert.Equal(3, throttle.Count);
        throttle.ThrowIfWaiting("oldest", T0);
    }

    private static TimeSpan WaitOf(LoginThrottle throttle, string key, DateTimeOffset now)
    {
        try
        {
            throttle.ThrowIfWaiting(key, now);
            return TimeSpan.Zero;
        }
        catch (ActorScaleException refused)
        {
            Assert.Equal(ActorScaleErrorCode.TooManyRequests, refused.Code);
            return refused.RetryAfter!.Value;
        }
    }
}
