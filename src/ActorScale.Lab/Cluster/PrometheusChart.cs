using ScottPlot;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// <c>cluster graph</c>: the cluster's Prometheus over a time window as a PNG, one panel each for requests per second,
/// p99 and activations, one line per silo (a silo added or stopped in the window starts or ends its line there).
/// </summary>
public static class PrometheusChart
{
    public static async Task<int> SaveAsync(PrometheusApi prometheus, DateTimeOffset start, DateTimeOffset end, string title, string path, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromSeconds(Math.Max(2, Math.Ceiling((end - start).TotalSeconds / 600)));
        var panels = new (string Query, string Label, double Scale)[]
        {
            (PrometheusServer.RequestRate, "HTTP requests / s", 1),
            (PrometheusServer.LatencyP99, "p99 (ms)", 1000),
            (PrometheusServer.Activations, "grain activations", 1),
        };
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Length);
        var points = 0;
        for (var i = 0; i < panels.Length; i++)
        {
            var plot = multiplot.GetPlot(i);
            var series = await prometheus.RangeBySiloAsync(panels[i].Query, start, end, step, cancellationToken);
            foreach (var (silo, values) in series.OrderBy(s => s.Key.Length).ThenBy(s => s.Key, StringComparer.Ordinal))
            {
                var line = plot.Add.Scatter(
                    values.Select(v => (v.At - start).TotalSeconds).ToArray(),
                    values.Select(v => v.Value * panels[i].Scale).ToArray());
                line.LegendText = silo;
                line.MarkerSize = 0;
                points += values.Count;
            }

            plot.YLabel(panels[i].Label);
            plot.Axes.SetLimitsX(0, (end - start).TotalSeconds);
            plot.ShowLegend(Alignment.UpperLeft);
        }

        multiplot.GetPlot(0).Title(title);
        multiplot.GetPlot(panels.Length - 1).XLabel($"seconds since {start:yyyy-MM-dd HH:mm:ss} UTC (Prometheus, step {step.TotalSeconds:0} s)");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, 1400, 1000);
        return points;
    }
}
