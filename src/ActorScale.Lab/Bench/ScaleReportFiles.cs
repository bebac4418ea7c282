using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace ActorScale.Lab.Bench;

/// <summary>The files of a scale run: each count's bench report in <c>servers-N</c>, then scale.md, scale.json and the charts.</summary>
public static class ScaleReportFiles
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<ScaleReport> SaveAsync(ScaleReport report, string folder, string command, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var runs = new List<BenchReport>();
        foreach (var run in report.Runs)
        {
            runs.Add(await BenchReportFiles.SaveAsync(run, Path.Combine(folder, $"servers-{run.Settings.Servers}"), command, cancellationToken));
        }

        report = report with
        {
            Runs = runs,
            MarkdownFile = Path.Combine(folder, "scale.md"),
            JsonFile = Path.Combine(folder, "scale.json"),
        };
        report = report with { Charts = [.. Workloads(report).Select(w => Chart(report, w, Path.Combine(folder, $"scale-{w}.png")))] };
        await File.WriteAllTextAsync(report.MarkdownFile, Render(report, command), cancellationToken);
        await File.WriteAllTextAsync(report.JsonFile, JsonSerializer.Serialize(report, LabJson.Options), cancellationToken);
        return report;
    }

    public static string Render(ScaleReport report, string? command = null)
    {
        var counts = report.Runs.Select(r => r.Settings.Servers).ToList();
        var md = new StringBuilder();
        md.AppendLine("# actorscale bench: throughput against servers");
        md.AppendLine();
        if (command is not null)
        {
            md.AppendLine(Invariant, $"Command: `{command}`");
            md.AppendLine();
        }

        md.AppendLine(Invariant, $"Machine: {report.Machine}. One whole bench run per server count, one after the other; each run's report is in `servers-N/`.");
        md.AppendLine();
        md.AppendLine(Invariant, $"Every server process, store, balancer and the load generator share these {report.Machine.Cores} cores: once the servers outnumber the cores, more servers cannot serve more, and the curve is flat (or falls, each process's own overhead added). The same command on a machine with more cores shows where each design stops scaling.");
        md.AppendLine();
        md.AppendLine("Requests served per second (closed loop), and in brackets the throughput with N servers divided by the throughput with the first count:");
        md.AppendLine();
        md.AppendLine("| Design | Workload | " + string.Join(" | ", counts.Select(c => $"{c} server{(c == 1 ? "" : "s")}")) + " |");
        md.AppendLine("|---|---|" + string.Concat(counts.Select(_ => "---:|")));
        foreach (var design in BenchDesigns.All.Where(d => report.Runs.Any(r => r.Find(d) is not null)))
        {
            foreach (var workload in Workloads(report))
            {
                var curve = report.Curve(design, workload);
                var first = curve.FirstOrDefault(p => p.Throughput > 0).Throughput;
                md.AppendLine(Invariant, $"| `{design}` | {workload} | {string.Join(" | ", curve.Select(p => p.Throughput is { } t ? string.Create(Invariant, $"{t:0} ({(first > 0 ? t / first.Value : 0):0.00}×)") : "–"))} |");
            }
        }

        return md.ToString();
    }

    private static List<string> Workloads(ScaleReport report) =>
        [.. BenchWorkloads.Known.Where(w => report.Runs.Any(r => r.Designs.Any(d => d.Find(w) is not null)))];

    private static string Chart(ScaleReport report, string workload, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var designs = BenchDesigns.All.Where(d => report.Runs.Any(r => r.Find(d)?.Find(workload) is not null)).ToList();
        for (var i = 0; i < designs.Count; i++)
        {
            var points = report.Curve(designs[i], workload).Where(p => p.Throughput is not null).ToList();
            var line = plot.Add.Scatter(points.Select(p => (double)p.Servers).ToArray(), points.Select(p => p.Throughput!.Value).ToArray(), palette.GetColor(i));
            line.LegendText = designs[i];
        }

        plot.Axes.Bottom.Label.Text = "server processes";
        plot.Axes.Left.Label.Text = "requests served per second";
        plot.Axes.Bottom.SetTicks([.. report.Runs.Select(r => (double)r.Settings.Servers)], [.. report.Runs.Select(r => r.Settings.Servers.ToString(Invariant))]);
        plot.Axes.Margins(bottom: 0);
        plot.Title($"{BenchWorkloads.Describe(workload)}: throughput against servers, {report.Machine.Cores} cores");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 600);
        return path;
    }
}
