using System.Collections.Concurrent;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// What a chaos run shows while it runs: elapsed time, operations per second, failed attempts, silos up and the latest
/// fault events. The run updates it; a live view redraws its <see cref="Snapshot"/> (see <see cref="ILabOutput.LiveAsync{T}"/>).
/// </summary>
public sealed class ChaosProgress
{
    private const int EventsShown = 12;
    private readonly ConcurrentQueue<string> _events = new();

    public double Elapsed { get; private set; }

    public double OpsPerSecond { get; private set; }

    public long Acknowledged { get; private set; }

    public long FailedAttempts { get; private set; }

    public int SilosUp { get; private set; }

    public string Phase { get; set; } = "load and faults";

    public void Update(double elapsed, double opsPerSecond, long acknowledged, long failedAttempts, int silosUp) =>
        (Elapsed, OpsPerSecond, Acknowledged, FailedAttempts, SilosUp) = (elapsed, opsPerSecond, acknowledged, failedAttempts, silosUp);

    /// <summary>Records an event line (markup).</summary>
    public void Event(string markup)
    {
        _events.Enqueue(markup);
        while (_events.Count > EventsShown && _events.TryDequeue(out _))
        {
        }
    }

    /// <summary>The progress as it is now: the figures in one row, the latest events below.</summary>
    public LabProgress Snapshot()
    {
        var events = _events.ToArray();
        return new LabProgress(
            $"chaos — {LabMarkup.Escape(Phase)}",
            [
                new LabFigure("elapsed", $"{Elapsed:0.0} s"),
                new LabFigure("ops/s", $"{OpsPerSecond:0}"),
                new LabFigure("acknowledged", $"{Acknowledged}"),
                new LabFigure("failed attempts", FailedAttempts == 0 ? "0" : $"[yellow]{FailedAttempts}[/]"),
                new LabFigure("silos up", $"{SilosUp}"),
            ],
            events.Length == 0 ? ["[grey]no fault yet[/]"] : events);
    }
}
