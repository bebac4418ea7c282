using System.Text.Json;

namespace ActorScale.Lab.Bench;

/// <summary>The files of a bench run: report.md, report.json and the PNG charts, in one folder.</summary>
public static class BenchReportFiles
{
    /// <summary>Writes them all; <paramref name="command"/> is the command line the report says it came from. Returns the report with the files' paths.</summary>
    public static async Task<BenchReport> SaveAsync(BenchReport report, string folder, string command, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        report = report with
        {
            MarkdownFile = Path.Combine(folder, "report.md"),
            JsonFile = Path.Combine(folder, "report.json"),
            Charts = BenchCharts.Save(report, folder),
        };
        await File.WriteAllTextAsync(report.MarkdownFile, BenchMarkdown.Render(report, command), cancellationToken);
        await File.WriteAllTextAsync(report.JsonFile, JsonSerializer.Serialize(report, LabJson.Options), cancellationToken);
        return report;
    }
}
