using System.Text.Json;

namespace ActorScale.Lab.Chaos;

/// <summary>The files of a chaos run: report.json and timeline.png, in one folder.</summary>
public static class ChaosReportFiles
{
    /// <summary>Writes both files; returns the report with their paths.</summary>
    public static async Task<ChaosReport> SaveAsync(ChaosReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "report.json");
        var png = Path.Combine(folder, "timeline.png");
        report = report with { ReportFile = json, TimelinePng = png };
        TimelineChart.Save(report, png);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, LabJson.Options), cancellationToken);
        return report;
    }
}
