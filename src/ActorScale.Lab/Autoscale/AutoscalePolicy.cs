using System.Globalization;

namespace ActorScale.Lab.Autoscale;

/// <summary>The figure <c>cluster autoscale</c> scales on, with its target per silo.</summary>
public enum AutoscaleMetric
{
    /// <summary>HTTP requests per second per silo (the mean over the running silos).</summary>
    Requests,

    /// <summary>CPU cores per silo (the mean).</summary>
    Cpu,

    /// <summary>The highest p99 of any silo, in milliseconds: not divisible among silos, so scale-in needs it well below target.</summary>
    P99,
}

/// <summary>What <c>cluster autoscale</c> does and when: the bounds, the target, how long a breach must last, the pause after a change.</summary>
/// <param name="Min">Fewest silos.</param>
/// <param name="Max">Most silos.</param>
/// <param name="Metric">What is compared with <paramref name="Target"/>.</param>
/// <param name="Target">The value per silo above which a silo is added.</param>
/// <param name="SustainOut">How long the figure must stay above target before a silo is added.</param>
/// <param name="SustainIn">How long the figure must stay below <see cref="ScaleInShare"/> of target, counted with one silo fewer, before one is drained.</param>
/// <param name="Cooldown">No change for this long after one (a new silo takes its share of users gradually; a drained one hands its users over).</param>
public sealed record AutoscaleSettings(int Min, int Max, AutoscaleMetric Metric, double Target, TimeSpan SustainOut, TimeSpan SustainIn, TimeSpan Cooldown)
{
    /// <summary>A silo is drained only when the figure, counted with one silo fewer, stays below this share of the target: the removal must not push it straight back over.</summary>
    public const double ScaleInShare = 0.8;

    /// <summary><c>cluster autoscale</c>'s defaults, which chaos's autoscale mode uses too.</summary>
    public static readonly TimeSpan DefaultSustainOut = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultSustainIn = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromSeconds(30);

    /// <summary>Parses <c>requests=300</c>, <c>cpu=0.6</c>, <c>p99=50</c>; null, with <paramref name="error"/>, otherwise.</summary>
    public static (AutoscaleMetric Metric, double Target)? ParseTarget(string text, out string? error)
    {
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        error = null;
        if (parts.Length == 2 && parts[0].Length > 0 && char.IsLetter(parts[0][0])
            && Enum.TryParse<AutoscaleMetric>(parts[0], ignoreCase: true, out var metric) && Enum.IsDefined(metric)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var target) && double.IsFinite(target) && target > 0)
        {
            return (metric, target);
        }

        error = $"--target '{text}' is not METRIC=VALUE with METRIC one of requests (req/s per silo), cpu (cores per silo), p99 (ms) and VALUE above 0, e.g. requests=300";
        return null;
    }
}

/// <summary>The decision of one look at the cluster.</summary>
public enum AutoscaleAction
{
    Hold,
    Out,
    In,
}

/// <summary>
/// Decides, one sample at a time, whether to add or drain a silo: out when the figure stayed above target for
/// <see cref="AutoscaleSettings.SustainOut"/>, in when it would have stayed under <see cref="AutoscaleSettings.ScaleInShare"/>
/// of target with one silo fewer for <see cref="AutoscaleSettings.SustainIn"/>, never within the cooldown of the last
/// change, always within [min, max]. Pure: the caller reads Prometheus and acts.
/// </summary>
public sealed class AutoscalePolicy(AutoscaleSettings settings)
{
    private DateTimeOffset? _aboveSince;
    private DateTimeOffset? _belowSince;
    private DateTimeOffset? _lastChange;

    /// <summary>The figure compared with the target, as last computed (null without values).</summary>
    public double? Figure { get; private set; }

    /// <param name="now">When the values were read.</param>
    /// <param name="silos">How many silos run.</param>
    /// <param name="values">The metric of each running silo that Prometheus has a value for.</param>
    public (AutoscaleAction Action, string Why) Decide(DateTimeOffset now, int silos, IReadOnlyList<double> values)
    {
        if (silos < settings.Min)
        {
            return Change(now, AutoscaleAction.Out, $"{silos} silos, below --min {settings.Min}");
        }

        if (silos > settings.Max)
        {
            return Change(now, AutoscaleAction.In, $"{silos} silos, above --max {settings.Max}");
        }

        if (values.Count == 0)
        {
            (_aboveSince, _belowSince, Figure) = (null, null, null);
            return (AutoscaleAction.Hold, "no value from Prometheus yet");
        }

        // Requests and CPU divide among the silos (the mean now, the total over one silo fewer after a drain); a p99 does
        // not, so the worst silo's counts for both.
        var total = values.Sum();
        var figure = settings.Metric == AutoscaleMetric.P99 ? values.Max() : total / silos;
        var withOneFewer = settings.Metric == AutoscaleMetric.P99 ? figure : silos > 1 ? total / (silos - 1) : double.PositiveInfinity;
        Figure = figure;
        _aboveSince = figure > settings.Target ? _aboveSince ?? now : null;
        _belowSince = withOneFewer < settings.Target * AutoscaleSettings.ScaleInShare ? _belowSince ?? now : null;
        var said = $"{Format(figure)} per silo against target {Format(settings.Target)}";

        if (_lastChange is { } last && now - last < settings.Cooldown)
        {
            return (AutoscaleAction.Hold, $"{said}; cooling down after the last change");
        }

        if (_aboveSince is { } above && now - above >= settings.SustainOut)
        {
            return silos < settings.Max
                ? Change(now, AutoscaleAction.Out, $"{said} for {(now - above).TotalSeconds:0} s")
                : (AutoscaleAction.Hold, $"{said}; already at --max {settings.Max}");
        }

        if (_belowSince is { } below && now - below >= settings.SustainIn && silos > settings.Min)
        {
            return Change(now, AutoscaleAction.In, $"{said}; {Format(withOneFewer)} with one silo fewer, for {(now - below).TotalSeconds:0} s");
        }

        return (AutoscaleAction.Hold, said);
    }

    private (AutoscaleAction, string) Change(DateTimeOffset now, AutoscaleAction action, string why)
    {
        (_aboveSince, _belowSince, _lastChange) = (null, null, now);
        return (action, why);
    }

    private static string Format(double value) => value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);
}
