namespace ActorScale.Lab.Bench;

/// <summary>Everything one <c>actorscale bench</c> run measured; written as report.json, report.md and the charts.</summary>
public sealed record BenchReport
{
    public DateTimeOffset StartedAt { get; init; }

    public double RunSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public required IReadOnlyList<DesignResult> Designs { get; init; }

    public IReadOnlyList<GoalResult> Goals { get; init; } = [];

    public string? MarkdownFile { get; init; }

    public string? JsonFile { get; init; }

    public IReadOnlyList<string> Charts { get; init; } = [];

    public DesignResult? Find(string design) => Designs.FirstOrDefault(d => d.Design == design);
}
