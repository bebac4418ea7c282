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

    // The bench users of each design (the grain designs share theirs), kept for the open loop's second pass.
    private readonly Dictionary<string, IReadOnlyList<BenchUser>> _users = [];

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

        var state = await cluster.UpAsync(settings.Servers, cancellationToken, dbShards: settings.DbShards, monitoring: false);
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
            var run = new Pass(cluster, http, [new("redis", [state.RedisPid]), new("postgres", [state.PostgresPid, .. state.Shards.Select(s => s.Pid)])]);
            var results = new Dictionary<string, DesignResult>();
            await ForEachDesignAsync(run, async (target, processes) => results[target.Design] = await RunDesignAsync(target, processes, counters, cancellationToken), cancellationToken);

            var rates = OpenLoopBases(results.Values);
            if (rates.Count > 0)
            {
                output.Say($"[grey]·[/] open loop: {string.Join("; ", rates.Select(r => $"{r.Key} at {string.Join(", ", settings.OpenLoopPercents.Select(p => $"{p} %"))} of {r.Value:0} req/s"))}, each design started again");
                await ForEachDesignAsync(run, async (target, _) => results[target.Design] = results[target.Design] with { OpenLoop = await RunOpenLoopAsync(target, rates, cancellationToken) }, cancellationToken);
            }

            var report = WithRatios(new BenchReport
            {
                StartedAt = started,
                Machine = machine,
                Settings = settings,
                Designs = [.. BenchDesigns.All.Select(results.GetValueOrDefault).OfType<DesignResult>()],
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

    /// <summary>
    /// Starts each selected design in turn, calls <paramref name="body"/> with its target and the processes whose CPU
    /// counts, and stops it: the grain designs on the silos (started again where a pass before stopped them), the
    /// Orleans plaintext design on the same silos restarted, then each baseline design on servers of its own.
    /// </summary>
    private async Task ForEachDesignAsync(Pass run, Func<BenchTarget, IReadOnlyList<CpuGroup>, Task> body, CancellationToken cancellationToken)
    {
        if (settings.Designs.Any(BenchDesigns.IsGrains))
        {
            await RunGrainsAsync(run, body, cancellationToken);
        }

        await run.Cluster.StopSilosAsync();
        foreach (var design in settings.Designs.Where(d => !BenchDesigns.IsGrains(d)))
        {
            await RunBaselineAsync(run, design, body, cancellationToken);
        }
    }

    private async Task RunGrainsAsync(Pass run, Func<BenchTarget, IReadOnlyList<CpuGroup>, Task> body, CancellationToken cancellationToken)
    {
        var state = await run.Cluster.StartStoppedSilosAsync(plaintextTransport: false, cancellationToken);
        var silos = new CpuGroup("silos", [.. state.Silos.Select(s => s.Pid)]);
        if (settings.Designs.Contains(BenchDesigns.GrainsHttp))
        {
            state = await run.Cluster.StartLoadBalancerAsync(state, settings.PlainHttp);
            var target = new HttpBenchTarget(BenchDesigns.GrainsHttp, run.Http, new Uri(state.BalancerAddress), [.. state.Silos.Select(s => new Uri(LocalCluster.HttpAddress(s.HttpPort)))], settings.Direct) { Metrics = MetricsAt(state.Silos.Select(s => s.MetricsPort)) };
            await body(target, [silos, .. run.Stores, new CpuGroup("nginx", [state.LbPid])]);
        }

        if (settings.Designs.Contains(BenchDesigns.GrainsOrleans))
        {
            await using var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(home), [], "the bench cluster"), cancellationToken);
            await body(new OrleansBenchTarget(connection.Client) { Metrics = MetricsAt(state.Silos.Select(s => s.MetricsPort)) }, [silos, .. run.Stores]);
        }

        if (settings.Designs.Contains(BenchDesigns.GrainsOrleansPlaintext))
        {
            await run.Cluster.StopSilosAsync();
            state = await run.Cluster.StartStoppedSilosAsync(plaintextTransport: true, cancellationToken);
            await using var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(home), [], "the bench cluster, plaintext"), cancellationToken);
            await body(new OrleansBenchTarget(connection.Client, BenchDesigns.GrainsOrleansPlaintext) { Metrics = MetricsAt(state.Silos.Select(s => s.MetricsPort)) }, [new CpuGroup("silos", [.. state.Silos.Select(s => s.Pid)]), .. run.Stores]);
        }
    }

    private async Task RunBaselineAsync(Pass run, string design, Func<BenchTarget, IReadOnlyList<CpuGroup>, Task> body, CancellationToken cancellationToken)
    {
        var servers = await run.Cluster.StartBaselineAsync(design, settings.Servers, cancellationToken);
        var nginxPid = 0;
        try
        {
            var port = NativeProcess.FreeLoopbackPort();

            // The same HTTPS as the grains' balancer, so that both sides pay for the same TLS.
            var tls = settings.PlainHttp ? null : BalancerTls.Issue(home, "balancer-baseline", NativeProcess.FreeLoopbackPort());
            var address = tls is null ? LocalCluster.HttpAddress(port) : LocalCluster.BalancerAddress(port);
            nginxPid = await output.StepAsync($"nginx in front of the {design} servers on {address}", () => NginxServer.StartAsync(home, port, [.. servers.Select(s => s.HttpPort)], tls, "nginx-baseline"));
            var target = new HttpBenchTarget(design, run.Http, new Uri(address), [.. servers.Select(s => s.Address)], settings.Direct) { Metrics = MetricsAt(servers.Select(s => s.MetricsPort)) };
            var replica = (await run.Cluster.RequireRunningAsync()).ReplicaPid;
            await body(target, [new CpuGroup("servers", [.. servers.Select(s => s.Pid)]), .. run.Stores, new CpuGroup("nginx", [nginxPid]), .. replica > 0 ? [new CpuGroup("postgres-replica", [replica])] : Array.Empty<CpuGroup>()]);
        }
        finally
        {
            if (nginxPid > 0)
            {
                await NativeProcess.StopAsync(nginxPid, NginxServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10));
            }

            await output.StepAsync($"{design} servers stopped", () => BaselineServers.StopAsync(servers));
            if (design == BenchDesigns.ReadReplica)
            {
                // After the servers that read from it; no other design pays for it.
                await run.Cluster.StopReplicaAsync();
            }
        }
    }

    /// <summary>The <c>/metrics</c> addresses of the servers on these management ports (0: none).</summary>
    private static IReadOnlyList<Uri> MetricsAt(IEnumerable<int> ports) => [.. ports.Where(p => p > 0).Select(p => new Uri($"{LocalCluster.HttpAddress(p)}/metrics"))];

    /// <summary>What every pass over the designs shares.</summary>
    private sealed record Pass(LocalCluster Cluster, HttpClient Http, IReadOnlyList<CpuGroup> Stores);

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

    /// <summary>The design's users: registered, logged in and given a cart the first time, learnt by the target after that.</summary>
    private async Task<IReadOnlyList<BenchUser>> UsersOfAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        var key = BenchDesigns.IsGrains(target.Design) ? "grains" : target.Design;
        if (_users.TryGetValue(key, out var users))
        {
            foreach (var user in users)
            {
                target.Remember(user);
            }

            return users;
        }

        return _users[key] = await PrepareUsersAsync(target, UserPrefix(target.Design), cancellationToken);
    }

    /// <summary>
    /// The servers just started: their code is still being re-jitted (tiered compilation) and caches fill. Warm the whole
    /// design with the mix before its first measured workload: <see cref="BenchSettings.DesignWarmup"/>, then on in rounds
    /// of <see cref="BenchSettings.JitRound"/> until every server compiled on under 2 % of a core in the last round (read
    /// from each server's <c>/metrics</c>), at most <see cref="BenchSettings.DesignWarmupMax"/> in all. Where a server's
    /// JIT cannot be read (metrics off), the fixed part only.
    /// </summary>
    private async Task<DesignWarmup> WarmUpAsync(BenchTarget target, IReadOnlyList<BenchUser> users, CancellationToken cancellationToken)
    {
        var watch = settings.DesignWarmupMax > settings.DesignWarmup && target.Metrics.Count > 0;
        var title = watch
            ? $"{target.Design}: warm-up with the mix, {settings.DesignWarmup.TotalSeconds:0.#} s and on until every server's JIT settles (at most {settings.DesignWarmupMax.TotalSeconds:0.#} s)"
            : $"{target.Design}: warm-up with the mix for {settings.DesignWarmup.TotalSeconds:0.#} s";
        var warmup = await output.StepAsync(title, async () =>
        {
            var clock = Stopwatch.StartNew();
            if (!watch)
            {
                await MixAsync(target, users, settings.DesignWarmup, cancellationToken);
                return new DesignWarmup(Math.Round(clock.Elapsed.TotalSeconds, 1), null);
            }

            using var metrics = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var jit = new JitSettling(JitSettling.DefaultSettledShare);
            var readable = true;
            async Task RoundAsync(TimeSpan duration)
            {
                await MixAsync(target, users, duration, cancellationToken);
                var readings = await ReadJitAsync(metrics, target.Metrics, cancellationToken);
                readable = readings.Values.All(r => r is not null);
                jit.Observe(clock.Elapsed, readings);
            }

            await RoundAsync(settings.DesignWarmup - settings.JitRound);
            do
            {
                await RoundAsync(settings.JitRound);
            }
            while (readable && !jit.Settled && clock.Elapsed + settings.JitRound <= settings.DesignWarmupMax);

            return new DesignWarmup(Math.Round(clock.Elapsed.TotalSeconds, 1), jit.LastShare is { } share ? Math.Round(share, 4) : null);
        });
        output.Say(warmup.JitShare is { } last
            ? $"  [grey]warmed {warmup.Seconds:0} s; the busiest server's JIT compiled on {last:0.00%} of a core in the last {settings.JitRound.TotalSeconds:0} s{(last < JitSettling.DefaultSettledShare ? "" : " (not settled: the cap)")}[/]"
            : $"  [grey]warmed {warmup.Seconds:0} s[/]");
        return warmup;
    }

    private Task<LoadResult> MixAsync(BenchTarget target, IReadOnlyList<BenchUser> users, TimeSpan duration, CancellationToken cancellationToken) =>
        LoadGenerator.RunAsync(
            (random, ct) => target.SendAsync(users[random.Next(users.Count)], BenchWorkloads.Pick(BenchWorkloads.Mix, random), random, ct),
            settings.Concurrency, duration, TimeSpan.Zero, settings.Seed, () => Task.CompletedTask, () => Task.CompletedTask, cancellationToken);

    /// <summary>Each server's cumulative JIT seconds by its metrics address; null for one that did not answer with it.</summary>
    private static async Task<IReadOnlyDictionary<string, double?>> ReadJitAsync(HttpClient http, IReadOnlyList<Uri> servers, CancellationToken cancellationToken)
    {
        var readings = await Task.WhenAll(servers.Select(async server =>
        {
            try
            {
                return (server.ToString(), JitSettling.Parse(await http.GetStringAsync(server, cancellationToken)));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (server.ToString(), (double?)null);
            }
        }));
        return readings.ToDictionary(r => r.Item1, r => r.Item2);
    }

    private async Task<DesignResult> RunDesignAsync(BenchTarget target, IReadOnlyList<CpuGroup> processes, StoreCounters counters, CancellationToken cancellationToken)
    {
        var users = await UsersOfAsync(target, cancellationToken);
        var warmup = await WarmUpAsync(target, users, cancellationToken);
        var workloads = new List<WorkloadResult>();
        foreach (var workload in settings.Workloads)
        {
            CounterSnapshot? before = null, after = null;
            long hitsBefore = 0, hitsAfter = 0;
            var load = await output.StepAsync(
                $"{target.Design}: {BenchWorkloads.Describe(workload)}, {settings.Concurrency} in flight, {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s",
                () => LoadGenerator.RunAsync(
                    (random, ct) => target.SendAsync(users[random.Next(users.Count)], BenchWorkloads.Pick(workload, random), random, ct),
                    settings.Concurrency,
                    settings.Warmup,
                    settings.Duration,
                    settings.Seed,
                    async () => (hitsBefore, before) = (target.EdgeCacheHits, await counters.SnapshotAsync(processes)),
                    async () => (hitsAfter, after) = (target.EdgeCacheHits, await counters.SnapshotAsync(processes)),
                    cancellationToken));
            var result = Measure(workload, load, before!, after!, counters.StatementsAvailable);
            if (workload == BenchWorkloads.Catalog && target is HttpBenchTarget && load.Requests > 0)
            {
                result = result with { EdgeCacheHitShare = Math.Round(Math.Min(1, (double)(hitsAfter - hitsBefore) / load.Requests), 4) };
                output.Say($"  [grey]edge cache served {result.EdgeCacheHitShare:0.0%}[/]");
            }

            output.Say($"  [grey]{result.Throughput:0} req/s, p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, {result.Errors} errors, Redis {result.RedisCommandsPerRequest:0.00}/req, PostgreSQL {result.PostgresStatementsPerRequest:0.00}/req, CPU {result.CpuSecondsPer1000Requests:0.000} s/1000[/]");
            SayErrors(load.ErrorSamples);
            workloads.Add(result);
        }

        // The floor answers from memory: no session to revoke, no cart to be stale.
        StalenessResult? staleness = null;
        var revocation = new RevocationResult(0, target.Servers.Count, 0, null, null, settings.RevocationWindow.TotalSeconds);
        if (!BenchDesigns.IsFloor(target.Design))
        {
            if (settings.StalenessDuration > TimeSpan.Zero)
            {
                var probed = users.Take(Math.Clamp(settings.Concurrency / 2, 1, users.Count)).ToList();
                staleness = await output.StepAsync(
                    $"{target.Design}: read-your-writes, {probed.Count} users × (a writer and a reader) for {settings.StalenessDuration.TotalSeconds:0.#} s",
                    () => StalenessProbe.RunAsync(target, probed, settings.StalenessDuration, cancellationToken));
                output.Say($"  [grey]{LabMarkup.Escape(staleness.Summary)}, {staleness.Errors} errors[/]");
            }

            revocation = await output.StepAsync($"{target.Design}: revocation lag, {settings.RevocationSamples} revoke-alls × {target.Servers.Count} server(s)", () => MeasureRevocationAsync(target, cancellationToken));
        }

        var token = await target.LoginAsync(users[0].UserId, _password, cancellationToken);
        return new DesignResult(target.Design, BenchDesigns.Describe(target.Design, settings.Servers), settings.Servers, token.Length, revocation, workloads) { Staleness = staleness, Warmup = warmup };
    }

    /// <summary>
    /// The base of each open-loop workload's rates: the slowest design's closed-loop throughput in this run (the floor
    /// left out: it is the ceiling). Empty when the open loop is off.
    /// </summary>
    private Dictionary<string, double> OpenLoopBases(IEnumerable<DesignResult> results)
    {
        var designs = results.Where(d => !BenchDesigns.IsFloor(d.Design)).ToList();
        return settings.OpenLoopPercents.Count == 0
            ? []
            : settings.Workloads.Intersect(settings.OpenLoopWorkloads)
                .Select(w => (Workload: w, Rates: designs.Select(d => d.Find(w)?.Throughput ?? 0).Where(t => t > 0).ToList()))
                .Where(w => w.Rates.Count > 0)
                .ToDictionary(w => w.Workload, w => w.Rates.Min());
    }

    private async Task<IReadOnlyList<OpenLoopResult>> RunOpenLoopAsync(BenchTarget target, Dictionary<string, double> bases, CancellationToken cancellationToken)
    {
        var users = await UsersOfAsync(target, cancellationToken);
        await WarmUpAsync(target, users, cancellationToken);
        var results = new List<OpenLoopResult>();
        foreach (var (workload, rate) in bases)
        {
            foreach (var percent in settings.OpenLoopPercents)
            {
                var offered = Math.Round(rate * percent / 100.0, 1);
                var load = await output.StepAsync(
                    $"{target.Design}: {BenchWorkloads.Describe(workload)}, open loop at {offered:0} req/s ({percent} %), {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s",
                    () => LoadGenerator.RunOpenAsync(
                        (random, ct) => target.SendAsync(users[random.Next(users.Count)], BenchWorkloads.Pick(workload, random), random, ct),
                        offered, settings.Warmup, settings.Duration, settings.Seed, settings.OpenLoopMaxInFlight, () => Task.CompletedTask, () => Task.CompletedTask, cancellationToken));
                var result = new OpenLoopResult(workload, percent, offered, load.Requests, load.Errors, Math.Round(load.Throughput, 1), load.Latency, load.SendLag!, load.ErrorSamples);
                output.Say($"  [grey]{result.Throughput:0} req/s served, p50 {result.Latency.P50:0.00} ms, p99 {result.Latency.P99:0.00} ms, p99.9 {result.Latency.P999:0.00} ms from the intended send time (the generator's own lag: p99 {result.SendLag.P99:0.00} ms), {result.Errors} errors[/]");
                SayErrors(load.ErrorSamples);
                results.Add(result);
            }
        }

        return results;
    }

    private void SayErrors(IEnumerable<string> samples)
    {
        foreach (var sample in samples)
        {
            output.Say($"  [yellow]![/] {LabMarkup.Escape(sample)}");
        }
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

    /// <summary>Each figure beside redis-session's and the floor's for the same workload in this run; each open-loop p99 beside redis-cache's at the same rate.</summary>
    private static BenchReport WithRatios(BenchReport report)
    {
        static double? Ratio(double value, double? of) => of is > 0 ? Math.Round(value / of.Value, 3) : null;
        var baseline = report.Find(BenchDesigns.RedisSession);
        var floor = report.Find(BenchDesigns.Noop);
        var cache = report.Find(BenchDesigns.RedisCache);
        return report with
        {
            Designs = [.. report.Designs.Select(d => d with
            {
                Workloads = [.. d.Workloads.Select(w => w with
                {
                    ThroughputVsRedisSession = Ratio(w.Throughput, baseline?.Find(w.Workload)?.Throughput),
                    P99VsRedisSession = Ratio(w.Latency.P99, baseline?.Find(w.Workload)?.Latency.P99),
                    ThroughputVsFloor = Ratio(w.Throughput, floor?.Find(w.Workload)?.Throughput),
                })],
                OpenLoop = [.. d.OpenLoop.Select(o => o with { P99VsRedisCache = Ratio(o.Latency.P99, cache?.FindOpenLoop(o.Workload, o.Percent)?.Latency.P99) })],
            })],
        };
    }
}
