using ScottPlot;

namespace ActorScale.Lab.Bench;

/// <summary>The run as PNGs: throughput and p99 latency per workload, a bar per design.</summary>
public static class BenchCharts
{
    public static IReadOnlyList<string> Save(BenchReport report, string folder) =>
    [
        Bars(report, Path.Combine(folder, "throughput.png"), "requests served per second (higher is better)", w => w.Throughput),
        Bars(report, Path.Combine(folder, "latency-p99.png"), "p99 latency, ms (lower is better)", w => w.Latency.P99),
        Bars(report, Path.Combine(folder, "cpu-per-1000.png"), "CPU seconds per 1 000 requests, all server-side processes (lower is better)", w => w.CpuSecondsPer1000Requests),
    ];

    private static string Bars(BenchReport report, string path, string title, Func<WorkloadResult, double> value)
    {
        var plot = new Plot();
        var workloads = BenchWorkloads.Known.Where(w => report.Designs.Any(d => d.Find(w) is not null)).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var slot = report.Designs.Count + 1;
        for (var d = 0; d < report.Designs.Count; d++)
        {
            var design = report.Designs[d];
            var bars = workloads.Select((w, i) => design.Find(w) is { } result
                    ? new Bar { Position = i * slot + d, Value = value(result), FillColor = palette.GetColor(d), Label = "" }
                    : null)
                .OfType<Bar>()
                .ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = design.Design, FillColor = palette.GetColor(d) });
        }

        plot.Axes.Bottom.SetTicks(
            [.. workloads.Select((_, i) => i * slot + (report.Designs.Count - 1) / 2.0)],
            [.. workloads]);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{title}: {report.Settings.Servers} servers per design, {report.Machine.Cores} cores");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1200, 600);
        return path;
    }
}
