using ScottPlot;

namespace ActorScale.Lab.Chaos;

/// <summary>The run as a PNG: acknowledged operations and failed attempts per second, with a marker per fault.</summary>
public static class TimelineChart
{
    public static void Save(ChaosReport report, string path)
    {
        var plot = new Plot();
        var seconds = report.Timeline.Select(p => (double)p.Second).ToArray();
        var acknowledged = plot.Add.Scatter(seconds, report.Timeline.Select(p => (double)p.Acknowledged).ToArray());
        acknowledged.LegendText = "acknowledged operations / s";
        acknowledged.MarkerSize = 0;
        var failed = plot.Add.Scatter(seconds, report.Timeline.Select(p => (double)p.FailedAttempts).ToArray());
        failed.LegendText = "failed attempts / s (retried)";
        failed.MarkerSize = 0;
        foreach (var fault in report.Faults)
        {
            var marker = plot.Add.VerticalLine(fault.At);
            marker.LinePattern = LinePattern.Dashed;
            marker.Text = $"{fault.Kind} {fault.Target}";
            marker.LabelOppositeAxis = true;
        }

        plot.Title($"chaos: {report.Silos} silos, {report.Settings.Users} users, {report.Faults.Count} faults — lost {report.Check.Lost}, duplicated {report.Check.Duplicated}, resurrected {report.Check.Resurrected}");
        plot.XLabel("seconds since start");
        plot.YLabel("per second");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1400, 600);
    }
}
