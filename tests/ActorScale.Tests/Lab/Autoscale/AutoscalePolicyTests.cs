using ActorScale.Lab.Autoscale;

namespace ActorScale.Tests.Lab.Autoscale;

/// <summary>
/// When <c>cluster autoscale</c> adds or drains a silo, fed made-up samples (pure logic, no cluster): only after the
/// breach lasted, never within the cooldown, never past the bounds, and a drain only when one silo fewer would still
/// stay under the target.
/// </summary>
public sealed class AutoscalePolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly AutoscaleSettings Requests100 = new(2, 4, AutoscaleMetric.Requests, 100, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    [Fact]
    public void Out_OnlyOnceTheBreachLastedSustain()
    {
        var policy = new AutoscalePolicy(Requests100);

        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0, 2, [150, 150]).Action);
        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(8), 2, [150, 150]).Action);
        var (action, why) = policy.Decide(T0.AddSeconds(10), 2, [150, 150]);

        Assert.Equal(AutoscaleAction.Out, action);
        Assert.Contains("150 per silo against target 100", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_ABreachInterruptedStartsOver()
    {
        var policy = new AutoscalePolicy(Requests100);

        policy.Decide(T0, 2, [150, 150]);
        policy.Decide(T0.AddSeconds(6), 2, [90, 90]);
        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(12), 2, [150, 150]).Action);
        Assert.Equal(AutoscaleAction.Out, policy.Decide(T0.AddSeconds(22), 2, [150, 150]).Action);
    }

    [Fact]
    public void Cooldown_HoldsAfterAChange_EvenAboveTarget()
    {
        var policy = new AutoscalePolicy(Requests100);
        policy.Decide(T0, 2, [150, 150]);
        Assert.Equal(AutoscaleAction.Out, policy.Decide(T0.AddSeconds(10), 2, [150, 150]).Action);

        for (var s = 12; s < 40; s += 2)
        {
            Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(s), 3, [150, 150, 150]).Action);
        }

        Assert.Equal(AutoscaleAction.Out, policy.Decide(T0.AddSeconds(40), 3, [150, 150, 150]).Action);
    }

    [Fact]
    public void Max_IsNeverPassed()
    {
        var policy = new AutoscalePolicy(Requests100);
        policy.Decide(T0, 4, [500, 500, 500, 500]);
        var (action, why) = policy.Decide(T0.AddSeconds(60), 4, [500, 500, 500, 500]);

        Assert.Equal(AutoscaleAction.Hold, action);
        Assert.Contains("--max 4", why, StringComparison.Ordinal);
    }

    [Fact]
    public void In_OnlyWhenOneSiloFewerStaysUnderTheScaleInShare()
    {
        var policy = new AutoscalePolicy(Requests100);

        // 3 silos at 60 req/s each: 180 over 2 silos is 90, above 80 % of 100: a drain would push them near the target.
        for (var s = 0; s <= 60; s += 2)
        {
            Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(s), 3, [60, 60, 60]).Action);
        }

        // 3 silos at 50 each: 150 over 2 is 75 < 80: drained once that lasted 30 s.
        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(70), 3, [50, 50, 50]).Action);
        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(98), 3, [50, 50, 50]).Action);
        Assert.Equal(AutoscaleAction.In, policy.Decide(T0.AddSeconds(100), 3, [50, 50, 50]).Action);
    }

    [Fact]
    public void Min_IsNeverPassed_AndBelowMinAddsAtOnce()
    {
        var policy = new AutoscalePolicy(Requests100);
        for (var s = 0; s <= 120; s += 2)
        {
            Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(s), 2, [1, 1]).Action);
        }

        Assert.Equal(AutoscaleAction.Out, policy.Decide(T0.AddSeconds(122), 1, [1]).Action);
    }

    [Fact]
    public void ASiloWithoutAValueCountsAsServingNothing()
    {
        // A silo added a moment ago has no rate yet: 300 req/s over 3 silos is 100, not 150 over the 2 that report.
        var policy = new AutoscalePolicy(Requests100);
        policy.Decide(T0, 3, [150, 150]);

        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(20), 3, [150, 150]).Action);
        Assert.Equal(100, policy.Figure);
    }

    [Fact]
    public void NoValues_Hold_AndForgetTheBreach()
    {
        var policy = new AutoscalePolicy(Requests100);
        policy.Decide(T0, 2, [150, 150]);
        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(8), 2, []).Action);

        Assert.Equal(AutoscaleAction.Hold, policy.Decide(T0.AddSeconds(10), 2, [150, 150]).Action);
    }

    [Fact]
    public void P99_TheWorstSiloCounts_AndIsNotDividedOnScaleIn()
    {
        var policy = new AutoscalePolicy(Requests100 with { Metric = AutoscaleMetric.P99, Target = 50 });
        policy.Decide(T0, 2, [10, 70]);
        Assert.Equal(AutoscaleAction.Out, policy.Decide(T0.AddSeconds(10), 2, [10, 70]).Action);

        // 30 ms is under 80 % of 50 ms: drained after the cooldown and 30 s of it.
        var after = T0.AddSeconds(40);
        policy.Decide(after, 3, [30, 30, 30]);
        Assert.Equal(AutoscaleAction.In, policy.Decide(after.AddSeconds(30), 3, [30, 30, 30]).Action);
    }

    [Theory]
    [InlineData("requests=300", AutoscaleMetric.Requests, 300)]
    [InlineData("CPU=0.6", AutoscaleMetric.Cpu, 0.6)]
    [InlineData(" p99 = 50 ", AutoscaleMetric.P99, 50)]
    public void ParseTarget_ReadsMetricAndValue(string text, AutoscaleMetric metric, double value)
    {
        Assert.Equal((metric, value), AutoscaleSettings.ParseTarget(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("requests")]
    [InlineData("requests=0")]
    [InlineData("requests=-5")]
    [InlineData("memory=5")]
    [InlineData("2=5")]
    [InlineData("requests=NaN")]
    public void ParseTarget_RefusesInOneLine(string text)
    {
        Assert.Null(AutoscaleSettings.ParseTarget(text, out var error));
        Assert.StartsWith($"--target '{text}' is not METRIC=VALUE", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }
}
