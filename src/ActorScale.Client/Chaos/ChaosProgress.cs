using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorScale.Client.Chaos;

/// <summary>
/// What a chaos run shows while it runs: elapsed time, operations per second, failed attempts, silos up and the latest
/// fault events. On a terminal it is redrawn in place (Spectre.Console live display); otherwise each update is a line.
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

    /// <summary>Records an event line (Spectre markup).</summary>
    public void Event(string markup)
    {
        _events.Enqueue(markup);
        while (_events.Count > EventsShown && _events.TryDequeue(out _))
        {
        }
    }

    public IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"chaos — {Markup.Escape(Phase)}").AddColumns("elapsed", "ops/s", "acknowledged", "failed attempts", "silos up");
        table.AddRow($"{Elapsed:0.0} s", $"{OpsPerSecond:0}", $"{Acknowledged}", FailedAttempts == 0 ? "0" : $"[yellow]{FailedAttempts}[/]", $"{SilosUp}");
        var events = _events.ToArray();
        return new Rows(table, new Markup(events.Length == 0 ? "[grey]no fault yet[/]" : string.Join('\n', events)));
    }
}
