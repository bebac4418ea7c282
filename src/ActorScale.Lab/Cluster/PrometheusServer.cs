using System.Globalization;
using System.Text.Json;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A private Prometheus (Debian's <c>prometheus</c> package) that <c>cluster up</c> starts on a loopback port, with its
/// config, rules, targets and data under the cluster's folder. It scrapes every silo's management port
/// (<c>/metrics</c>) every <see cref="ScrapeInterval"/>, found through a file-based service discovery file that the
/// launcher rewrites whenever the silo list changes (<c>cluster add</c>, <c>stop</c>, <c>kill</c>, <c>restart</c>); a
/// killed silo's target goes away with its record, one killed from outside shows <c>up == 0</c> until then. The recording
/// rules (<see cref="Rules"/>) are what <c>cluster status</c>, <c>cluster top</c> and <c>cluster autoscale</c> read.
/// </summary>
public static class PrometheusServer
{
    public const string Program = "prometheus";

    /// <summary>The Debian package that provides <see cref="Program"/>.</summary>
    public const string Package = "prometheus";

    /// <summary>The scrape and rule evaluation interval: short, so a load step shows within seconds.</summary>
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(2);

    /// <summary>Requests per second each silo served over the last 10 s (HTTP API only: probes, scrapes and the dashboard left out).</summary>
    public const string RequestRate = "silo:http_server_requests:rate10s";

    /// <summary>Each silo's 99th percentile HTTP request duration over the last 10 s, in seconds (interpolated within the histogram's buckets).</summary>
    public const string LatencyP99 = "silo:http_server_request_duration_seconds:p99_10s";

    /// <summary>Each silo's grain activations.</summary>
    public const string Activations = "silo:orleans_activations:sum";

    /// <summary>The share of each silo's user requests that it forwarded to the silo holding the user (0 to 1).</summary>
    public const string ForwardedShare = "silo:actorscale_user_requests_forwarded:ratio10s";

    /// <summary>CPU cores each silo process used over the last 10 s.</summary>
    public const string CpuCores = "silo:process_cpu:rate10s";

    /// <summary>The rate window of the rules: five scrapes.</summary>
    private const string Window = "10s";

    /// <summary>What the rates leave out: readiness and liveness probes, Prometheus' own scrapes, the Orleans Dashboard.</summary>
    private const string NotServing = "http_route!~\"/health/.*|/metrics|/dashboard.*\"";

    public static string Folder(ClusterHome home) => Path.Combine(home.Root, "prometheus");

    /// <summary>The file-based service discovery file: one target per running silo, labelled with its name.</summary>
    public static string TargetsFile(ClusterHome home) => Path.Combine(Folder(home), "targets", "silos.json");

    public static Task EnsureInstalledAsync(string logFile) => AptPackage.EnsureInstalledAsync(Program, Package, logFile);

    /// <summary>Writes the config, rules and targets, starts Prometheus in the foreground of its own log and waits until it is ready.</summary>
    public static async Task<int> StartAsync(ClusterHome home, int port, ClusterState state)
    {
        var folder = Folder(home);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "rules.yml"), Rules());
        var config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, Config(TargetsFile(home)));
        WriteTargets(home, state);
        var log = Path.Combine(home.LogsDir, "prometheus.log");
        var pid = NativeProcess.StartDetached(
            AptPackage.FindOnPath(Program)!,
            [
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", "--storage.tsdb.retention.time=7d",

                // A query sees a series only within 10 s of its last sample (default 5 min): after `cluster down` and
                // `up` the silos' last series before the stop (up == 0, their last activations) would count beside the new ones.
                "--query.lookback-delta=10s",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ],
            new Dictionary<string, string>(),
            log);
        await WaitReadyAsync(port, pid, log, TimeSpan.FromSeconds(30));
        return pid;
    }

    /// <summary>Rewrites the targets file from the recorded silos (those with a process and a management port); a no-op when no Prometheus was set up here.</summary>
    public static void WriteTargets(ClusterHome home, ClusterState state)
    {
        var file = TargetsFile(home);
        if (!Directory.Exists(Folder(home)))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        // Written aside and renamed over: Prometheus watches the file and must never read half of it.
        var next = file + ".next";
        File.WriteAllText(next, Targets(state));
        File.Move(next, file, overwrite: true);
    }

    /// <summary>The service discovery file's content: <c>[{"targets": ["127.0.0.1:port"], "labels": {"silo": "silo-1"}}, …]</c>.</summary>
    public static string Targets(ClusterState state) => JsonSerializer.Serialize(
        state.Silos.Where(s => s.Pid > 0 && s.MetricsPort > 0).Select(s => new Dictionary<string, object>
        {
            ["targets"] = new[] { $"127.0.0.1:{s.MetricsPort.ToString(CultureInfo.InvariantCulture)}" },
            ["labels"] = new Dictionary<string, string> { ["silo"] = s.Name },
        }));

    public static string Config(string targetsFile) => $"""
        # Generated by `actorscale cluster up`: the silos' management ports, found through {Path.GetFileName(targetsFile)}, which the launcher rewrites.
        global:
          scrape_interval: {ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s
          scrape_timeout: {ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s
          evaluation_interval: {ScrapeInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s
        rule_files:
          - rules.yml
        scrape_configs:
          - job_name: actorscale-silos
            file_sd_configs:
              - files: ["{targetsFile}"]
                refresh_interval: 5s
        """;

    /// <summary>The recording rules, one series per silo each (label <c>silo</c>).</summary>
    public static string Rules() => $$"""
        groups:
          - name: actorscale
            rules:
              - record: {{RequestRate}}
                expr: sum by (silo) (rate(http_server_request_duration_seconds_count{{{NotServing}}}[{{Window}}]))
              - record: {{LatencyP99}}
                expr: histogram_quantile(0.99, sum by (silo, le) (rate(http_server_request_duration_seconds_bucket{{{NotServing}}}[{{Window}}])))
              - record: {{Activations}}
                expr: sum by (silo) (orleans_catalog_activations{grain_type!~"sys[.].*"})
              - record: {{ForwardedShare}}
                expr: sum by (silo) (rate(actorscale_http_user_requests_total{served="forwarded"}[{{Window}}])) / sum by (silo) (rate(actorscale_http_user_requests_total[{{Window}}]))
              - record: {{CpuCores}}
                expr: sum by (silo) (rate(dotnet_process_cpu_time_seconds_total[{{Window}}]))
        """;

    private static async Task WaitReadyAsync(int port, int pid, string log, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (await NativeProcess.IsGoneAsync(pid, Program))
            {
                throw new InvalidOperationException($"prometheus exited at start; see {log}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"prometheus not ready on port {port} within {timeout.TotalSeconds:0} s; see {log}");
            }

            await Task.Delay(100);
        }
    }
}
