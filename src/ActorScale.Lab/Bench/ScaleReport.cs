namespace ActorScale.Lab.Bench;

/// <summary>
/// <c>actorscale bench --servers 1,2,4,8</c>: one whole bench run per server count, on the same machine, one after the
/// other; written as scale.md, scale.json and a chart per workload of throughput against servers.
/// </summary>
public sealed record ScaleReport
{
    public required MachineInfo Machine { get; init; }

    /// <summary>Each count's run, in the order asked for (each also saved in its own folder, <c>servers-N</c>).</summary>
    public required IReadOnlyList<BenchReport> Runs { get; init; }

    public string? MarkdownFile { get; init; }

    public string? JsonFile { get; init; }

    public IReadOnlyList<string> Charts { get; init; } = [];

    /// <summary>Throughput of <paramref name="design"/> under <paramref name="workload"/> with each count of servers (null where not run).</summary>
    public IReadOnlyList<(int Servers, double? Throughput)> Curve(string design, string workload) =>
        [.. Runs.Select(r => (r.Settings.Servers, r.Find(design)?.Find(workload)?.Throughput))];
}
