using System.Globalization;

namespace ActorScale.Lab.Bench;

/// <summary>
/// Whether the servers' code has finished being re-jitted: from each server's cumulative JIT time (the runtime's
/// <c>dotnet.jit.compilation.time</c>, in Prometheus' text at <c>/metrics</c>), the share of a core each spent
/// compiling between two readings. A silo re-jits far more code than a stateless server (Orleans, the codecs, the
/// storage and membership paths): measured on 2 cores, each silo compiled on a quarter to most of a core for its
/// first ~30 s under load and still on 2–10 % at a minute, so a fixed 15 s warm-up measured the grains while they were
/// still compiling.
/// </summary>
public sealed class JitSettling(double settledShare)
{
    /// <summary>The metric's name in Prometheus' text (seconds, a counter).</summary>
    public const string MetricName = "dotnet_jit_compilation_time_seconds_total";

    /// <summary>Settled: every server compiled on under this share of a core since the last reading (2 %).</summary>
    public const double DefaultSettledShare = 0.02;

    private readonly Dictionary<string, (TimeSpan At, double Seconds)> _last = [];

    /// <summary>The highest share of a core any server spent compiling between its last two readings; null before two readings of every server.</summary>
    public double? LastShare { get; private set; }

    /// <summary>True once every server's last share is under the settled share.</summary>
    public bool Settled => LastShare < settledShare;

    /// <summary>
    /// Takes one reading per server (null: that server did not answer), at <paramref name="at"/> on a monotonic clock.
    /// Returns the highest share of a core spent compiling since the previous reading, or null when any server has no
    /// pair of readings yet.
    /// </summary>
    public double? Observe(TimeSpan at, IReadOnlyDictionary<string, double?> compilationSeconds)
    {
        var shares = new List<double?>();
        foreach (var (server, seconds) in compilationSeconds)
        {
            double? share = null;
            if (seconds is { } now)
            {
                if (_last.TryGetValue(server, out var before) && at > before.At)
                {
                    share = (now - before.Seconds) / (at - before.At).TotalSeconds;
                }

                _last[server] = (at, now);
            }
            else
            {
                _last.Remove(server);
            }

            shares.Add(share);
        }

        return LastShare = shares.Count == 0 || shares.Contains(null) ? null : shares.Max();
    }

    /// <summary>The cumulative JIT seconds in a <c>/metrics</c> answer, or null when it has none.</summary>
    public static double? Parse(string prometheusText)
    {
        foreach (var line in prometheusText.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(MetricName) || line.Length == MetricName.Length || (line[MetricName.Length] != ' ' && line[MetricName.Length] != '{'))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var value = line[(line[MetricName.Length] == '{' ? line.LastIndexOf('}') + 1 : MetricName.Length)..].Trim();
            var space = value.IndexOf(' ');
            return double.TryParse(space < 0 ? value : value[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }

        return null;
    }
}
