using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ActorScale.Domain.Carts;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Bench;

/// <summary>
/// One bench run on a cluster of its own: Redis and PostgreSQL once, then each design in turn with the same number of
/// server processes, the same load balancer (nginx) and the same load generator. The grain designs share the silos;
/// the silos are stopped before the baseline's servers start, so no design pays for another's idle processes.
/// </summary>
/// <param name="home">The bench cluster's folder (purged first: every run starts from empty stores).</param>
/// <param name="output">Where progress goes.</param>
/// <param name="settings">The run's options.</param>
public sealed class BenchRunner(ClusterHome home, ILabOutput output, BenchSettings settings)
{
    private readonly string _runId = Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant();
    private readonly string _password = "bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var environment = new Dictionary<string, string>(settings.ServerEnvironment)
        {
            ["ActorScale__Sessions__PasswordIterations"] = settings.PasswordIterations.ToString(CultureInfo.InvariantCulture),

            // The bench measures the servers, not their limits: its HTTP load comes from the lab's exempt address, and
            // its Orleans client drives each user faster than the gateway's per-user bucket allows a stranger.
            ["ActorScale__Limits__GatewayBurstPerUser"] = "1000000",
            ["ActorScale__Limits__GatewayPerSecondPerUser"] = "1000000",
        };
        var cluster = new LocalCluster(home, output, environment);
        if (Directory.Exists(home.Root))
        {
            await cluster.DownAsync(purge: true);
        }

        var state = await cluster.UpAsync(settings.Servers, cancellationToken);
        var succeeded = false;
        try
        {
            await using var counters = await StoreCounters.ConnectAsync(home, state);
            if (!counters.StatementsAvailable)
            {
                output.Say("[yellow]![/] pg_stat_statements is not available: PostgreSQL statements are reported as n/a");
            }

            var machine = await MachineProbe.ReadAsync(counters);
            using var http = HttpBenchTarget.CreateClient(settings.Concurrency, home.Certificates.HttpsClientOptions());
            var results = new List<DesignResult>();
            var stores = new List<CpuGroup> { new("redis", [state.RedisPid]), new("postgres", [state.PostgresPid]) };

            if (settings.Designs.Any(BenchDesigns.IsGrains))
            {
                results.AddRange(await RunGrainsAsync(cluster, state, counters, http, stores, cancellationToken));
            }

            await cluster.StopSilosAsync();
            foreach (var design in settings.Designs.Where(d => !BenchDesigns.IsGrains(d)))
            {
                results.Add(await RunBaselineAsync(cluster, state, design, counters, http, stores, cancellationToken));
            }

            var report = WithRatios(new BenchReport
            {
                StartedAt = started,
                Machine = machine,
                Settings = settings,
                Designs = [.. BenchDesigns.All.Select(d => results.FirstOrDefault(r => r.Design == d)).OfType<DesignResult>()],
            });
            report = report with { Goals = BenchGoals.Evaluate(report), RunSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1) };
            succeeded = true;
            return report;
        }
        finally
        {
            // A failed run keeps its logs (and data) for a look; the next run purges them.
            await cluster.DownAsync(purge: succeeded);
        }
    }

    private async Task<List<DesignResult>> RunGrainsAsync(
        LocalCluster cluster, ClusterState state, StoreCounters counters, HttpClient http, List<CpuGroup> stores, CancellationToken cancellationToken)
    {
        var results = new List<DesignResult>();
        var silos = new CpuGroup("silos", [.. state.Silos.Select(s => s.Pid)]);
        IReadOnlyList<BenchUser>? users = null;
        if (settings.Designs.Contains(BenchDesigns.GrainsHttp))
        {
            state = await cluster.StartLoadBalancerAsync(state, settings.PlainHttp);
            var target = new HttpBenchTarget(BenchDesigns.GrainsHttp, http, new Uri(state.BalancerAddress), [.. state.Silos.Select(s => new Uri(LocalCluster.HttpAddress(s.HttpPort)))], settings.Direct);
            users = await PrepareUsersAsync(target, UserPrefix(BenchDesigns.GrainsHttp), cancellationToken);
            results.Add(await RunDesignAsync(target, users, [silos, .. stores, new CpuGroup("nginx", [state.LbPid])], counters, cancellationToken));
        }

        if (settings.Designs.Contains(BenchDesigns.GrainsOrleans))
        {
            await using var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(home), [], "the bench cluster"), cancellationToken);
            var target = new OrleansBenchTarget(connection.Client);
            users ??= await PrepareUsersAsync(target, UserPrefix(BenchDesigns.GrainsOrleans), cancellationToken);
            results.Add(await RunDesignAsync(target, users, [silos, .. stores], counters, cancellationToken));
        }

        if (settings.Designs.Contains(BenchDesigns.GrainsOrleansPlaintext))
        {
            await cluster.StopSilosAsync();
            state = await cluster.StartStoppedSilosAsync(plaintextTransport: true, cancellationToken);
            await using var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(home), [], "the bench cluster, plaintext"), cancellationToken);
            var target = new OrleansBenchTarget(connection.Client, BenchDesigns.GrainsOrleansPlaintext);
            users ??= await PrepareUsersAsync(target, UserPrefix(BenchDesigns.GrainsOrleansPlaintext), cancellationToken);
            results.Add(await RunDesignAsync(target, users, [new CpuGroup("silos", [.. state.Silos.Select(s => s.Pid)]), .. stores], counters, cancellationToken));
        }

        return results;
    }

    private async Task<DesignResult> RunBaselineAsync(
        LocalCluster cluster, ClusterState state, string design, StoreCounters counters, HttpClient http, List<CpuGroup> stores, CancellationToken cancellationToken)
    {
        var servers = await cluster.StartBaselineAsync(design, settings.Servers, cancellationToken);
        var nginxPid = 0;
        try
        {
            var port = NativeProcess.FreeLoopbackPort();

            // The same HTTPS as the grains' balancer, so that both sides pay for the same TLS.
            var tls = settings.PlainHttp ? null : BalancerTls.Issue(home, "balancer-baseline", NativeProcess.FreeLoopbackPort());
            var address = tls is null ? LocalCluster.HttpAddress(port) : LocalCluster.BalancerAddress(port);
            nginxPid = await output.StepAsync($"nginx in front of the {design} servers on {address}", () => NginxServer.StartAsync(home, port, [.. servers.Select(s => s.HttpPort)], tls, "nginx-baseline"));
            var target = new HttpBenchTarget(design, http, new Uri(address), [.. servers.Select(s => s.Address)], settings.Direct);
            var users = await PrepareUsersAsync(target, UserPrefix(design), cancellationToken);
            return await RunDesignAsync(target, users, [new CpuGroup("servers", [.. servers.Select(s => s.Pid)]), .. stores, new CpuGroup("nginx", [nginxPid])], counters, cancellationToken);
        }
        finally
        {
            if (nginxPid > 0)
            {
                await NativeProcess.StopAsync(nginxPid, NginxServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10));
            }

            await output.StepAsync($"{design} servers stopped", () => BaselineServers.StopAsync(servers));
        }
    }

    /// <summary>
    /// User ids of the same length in every design (a token carries its user id, and the report compares token sizes):
    /// <c>u0</c> for the grains (both grain designs share the users), <c>u2</c>..<c>u4</c> for the baseline's designs
    /// (they share one schema, so each needs its own users).
    /// </summary>
    private static string UserPrefix(string design) => BenchDesigns.IsGrains(design) ? "u0" : $"u{BenchDesigns.All.ToList().IndexOf(design)}";

    /// <summary>Registers the users, logs each in and puts three products in each cart, a few users at a time.</summary>
    private async Task<IReadOnlyList<BenchUser>> PrepareUsersAsync(BenchTarget target, string prefix, CancellationToken cancellationToken)
    {
        var skus = await target.SkusAsync(cancellationToken);
        var users = new BenchUser[settings.Users];
        await output.StepAsync($"{settings.Users} users registered, logged in, 3 products in each cart ({target.Design})", () =>
            Parallel.ForEachAsync(Enumerable.Range(0, settings.Users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var userId = $"{prefix}-{_runId}-{i}";
                await target.RegisterAsync(userId, _password, ct);
                var token = await target.LoginAsync(userId, _password, ct);
                var random = new Random(settings.Seed * 31 + i);
                var lines = skus.OrderBy(_ => random.Next()).Take(Math.Min(3, skus.Count)).ToList();
                foreach (var sku in lines)
                {
                    await target.SetQuantityAsync(token, sku, 1, ct);
                }

                users[i] = new BenchUser(userId, token, lines);
            }));
        return users;
    }

    private async Task<DesignResult> RunDesignAsync(
        BenchTarget target, IReadOnlyList<BenchUser> users, IReadOnlyList<CpuGroup> processes, StoreCounters counters, CancellationToken cancellationToken)
    {
        // The servers just started: their code is still being re-jitted (tiered compilation) and caches fill. Warm the
        // whole design once with the mix before the first measured workload, so the first workload is not the slowest.
        await output.StepAsync($"{target.Design}: warm-up with the mix for {settings.DesignWarmup.TotalSeconds:0.#} s", () => LoadGenerator.RunAsync(
            (random, ct) => target.SendAsync(users[random.Next(users.Count)], BenchWorkloads.Pick(BenchWorkloads.Mix, random), random, ct),
            settings.Concurrency, settings.DesignWarmup, TimeSpan.Zero, settings.Seed, () => Task.CompletedTask, () => Task.CompletedTask, cancellationToken));

        var workloads = new List<WorkloadResult>();
        foreach (var workload in settings.Workloads)
        {
            CounterSnapshot? before = null, after = null;
            var load = await output.StepAsync(
                $"{target.Design}: {BenchWorkloads.Describe(workload)}, {settings.Concurrency} in flight, {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s",
                () => LoadGenerator.RunAsync(
                    (random, ct) => target.SendAsync(users[random.Next(users.Count)], BenchWorkloads.Pick(workload, random), random, ct),
                    settings.Concurrency,
                    settings.Warmup,
                    settings.Duration,
                    settings.Seed,
                    async () => before = await counters.SnapshotAsync(processes),
                    async () => after = await counters.SnapshotAsync(processes),
                    cancellationToken));
            var result = Measure(workload, load, before!, after!, counters.StatementsAvailable);
            output.Say($"  [grey]{result.Throughput:0} req/s, p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, {result.Errors} errors, Redis {result.RedisCommandsPerRequest:0.00}/req, PostgreSQL {result.PostgresStatementsPerRequest:0.00}/req, CPU {result.CpuSecondsPer1000Requests:0.000} s/1000[/]");
            foreach (var sample in load.ErrorSamples)
            {
                output.Say($"  [yellow]![/] {LabMarkup.Escape(sample)}");
            }

            workloads.Add(result);
        }

        var revocation = await output.StepAsync($"{target.Design}: revocation lag, {settings.RevocationSamples} revoke-alls × {target.Servers.Count} server(s)", () => MeasureRevocationAsync(target, cancellationToken));
        var token = await target.LoginAsync(users[0].UserId, _password, cancellationToken);
        return new DesignResult(target.Design, BenchDesigns.Describe(target.Design, settings.Servers), settings.Servers, token.Length, revocation, workloads);
    }

    /// <summary>Turns a window's load result and counter deltas into per-request figures.</summary>
    public static WorkloadResult Measure(string workload, LoadResult load, CounterSnapshot before, CounterSnapshot after, bool statementsAvailable)
    {
        double? PerRequest(double total) => load.Requests > 0 ? total / load.Requests : null;
        var statements = PostgresStatementStats.Delta(before.Statements, after.Statements);
        var cpu = after.CpuSeconds.ToDictionary(c => c.Key, c => c.Value - before.CpuSeconds.GetValueOrDefault(c.Key));
        return new WorkloadResult
        {
            Workload = workload,
            Requests = load.Requests,
            Errors = load.Errors,
            Seconds = Math.Round(load.Seconds, 3),
            Throughput = Math.Round(load.Throughput, 1),
            Latency = load.Latency,
            RedisCommandsPerRequest = PerRequest(RedisCommandStats.Delta(before.RedisCalls, after.RedisCalls)),
            PostgresStatementsPerRequest = statementsAvailable ? PerRequest(statements.Total) : null,
            PostgresReadsPer1000Requests = statementsAvailable ? PerRequest(statements.Reads * 1000.0) : null,
            PostgresWritesPerRequest = statementsAvailable ? PerRequest(statements.Writes) : null,
            CpuSecondsPer1000Requests = PerRequest(cpu.Values.Sum() * 1000) ?? 0,
            CpuSecondsPer1000ByProcess = cpu.ToDictionary(c => c.Key, c => Math.Round(PerRequest(c.Value * 1000) ?? 0, 4)),
            LoadGeneratorCpuSecondsPer1000Requests = PerRequest((after.LoadGeneratorCpuSeconds - before.LoadGeneratorCpuSeconds) * 1000) ?? 0,
            TopStatements = PostgresStatementStats.Top(before.Statements, after.Statements, load.Requests),
            ErrorSamples = load.ErrorSamples,
        };
    }

    /// <summary>
    /// Each sample: a new session, accepted by every server; a revoke-all through the load balancer; then every server
    /// asked directly, again and again, until it refuses the token or the window ends. The lag of a sample is the
    /// slowest server's: 0 when every server refused the first request sent after the acknowledgement.
    /// </summary>
    private async Task<RevocationResult> MeasureRevocationAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        var userId = $"r{BenchDesigns.All.ToList().IndexOf(target.Design)}-{_runId}-rv";
        await target.RegisterAsync(userId, _password, cancellationToken);
        var lags = new List<double?>();
        for (var i = 0; i < settings.RevocationSamples; i++)
        {
            var token = await target.LoginAsync(userId, _password, cancellationToken);
            for (var server = 0; server < target.Servers.Count; server++)
            {
                if (!await target.AcceptsAsync(server, token, cancellationToken))
                {
                    throw new BenchCallException($"{target.Design}: {target.Servers[server]} refused a token fresh from login");
                }
            }

            await target.RevokeAllAsync(token, cancellationToken);
            var acknowledged = Stopwatch.GetTimestamp();
            var perServer = await Task.WhenAll(Enumerable.Range(0, target.Servers.Count).Select(server => UntilRefusedAsync(target, server, token, acknowledged, cancellationToken)));
            lags.Add(perServer.Any(l => l is null) ? null : perServer.Max());
        }

        var refused = lags.OfType<double>().Order().ToList();
        return new RevocationResult(
            lags.Count,
            target.Servers.Count,
            refused.Count,
            refused.Count == 0 ? null : refused[refused.Count / 2],
            refused.Count == 0 ? null : refused[^1],
            settings.RevocationWindow.TotalSeconds);
    }

    /// <summary>Milliseconds from the acknowledgement until <paramref name="server"/> refused the token (0 on the first ask), null if it never did in the window.</summary>
    private async Task<double?> UntilRefusedAsync(BenchTarget target, int server, string token, long acknowledged, CancellationToken cancellationToken)
    {
        for (var first = true; ; first = false)
        {
            if (!await target.AcceptsAsync(server, token, cancellationToken))
            {
                return first ? 0 : Math.Round(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds, 1);
            }

            if (Stopwatch.GetElapsedTime(acknowledged) > settings.RevocationWindow)
            {
                return null;
            }

            // Poll interval: the lag is known to within this much.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    /// <summary>Each figure beside redis-session's for the same workload in this run.</summary>
    private static BenchReport WithRatios(BenchReport report)
    {
        var baseline = report.Find(BenchDesigns.RedisSession);
        return report with
        {
            Designs = [.. report.Designs.Select(d => d with
            {
                Workloads = [.. d.Workloads.Select(w => baseline?.Find(w.Workload) is { } b
                    ? w with
                    {
                        ThroughputVsRedisSession = b.Throughput > 0 ? Math.Round(w.Throughput / b.Throughput, 3) : null,
                        P99VsRedisSession = b.Latency.P99 > 0 ? Math.Round(w.Latency.P99 / b.Latency.P99, 3) : null,
                    }
                    : w)],
            })],
        };
    }
}
