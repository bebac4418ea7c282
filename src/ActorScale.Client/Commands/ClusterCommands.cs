using System.CommandLine;
using ActorScale.Lab;
using ActorScale.Lab.Autoscale;
using ActorScale.Lab.Cluster;
using Spectre.Console;

namespace ActorScale.Client.Commands;

/// <summary><c>actorscale cluster up | status | top | autoscale | graph | add | stop | kill | restart | roll | rotate-token-key | rotate-ca | down</c>: a local cluster of real processes.</summary>
public static class ClusterCommands
{
    private static readonly Option<int> Silos = new("--silos") { Description = $"Number of silos (1-{LocalCluster.MaxSilos})", DefaultValueFactory = _ => LocalCluster.SharingSilos };

    private static readonly Option<int> Count = new("--count") { Description = "Silos to add", DefaultValueFactory = _ => 1 };

    private static readonly Argument<string> Silo = new("silo") { Description = "Silo name, e.g. silo-2" };

    private static readonly Argument<string?> OptionalSilo = new("silo") { Description = "Silo name, e.g. silo-2", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<bool> RandomSilo = new("--random") { Description = "Kill a random running silo" };

    private static readonly Option<int?> Seed = new("--seed") { Description = "Seed for --random" };

    private static readonly Option<bool> Demo = new("--demo") { Description = "Then run `actorscale demo` against it (also when a cluster already runs here)" };

    private static readonly Option<int> Kills = new("--kills") { Description = "SIGKILLs to measure (each on the silo hosting a probe grain)", DefaultValueFactory = _ => 5 };

    private static readonly Option<int> LoadSeconds = new("--load-seconds") { Description = "Seconds of load while measuring RSS under load", DefaultValueFactory = _ => 10 };

    private static readonly Option<int> LoadUsers = new("--users") { Description = "Concurrent virtual users of the load", DefaultValueFactory = _ => 50 };

    private static readonly Option<bool> LoadBalancer = new("--lb") { Description = "Also start an nginx load balancer in front of the silos' HTTP APIs" };

    private static readonly Option<string?> SiloMemory = new("--silo-memory") { Description = "Give each silo a memory limit (e.g. 512M, 2G), enforced by a memory cgroup the way a container runtime does (root)" };

    private static readonly Option<bool> Build = new("--build") { Description = "Publish the silo from the sources first and roll every silo onto it" };

    private static readonly Option<string?> Source = new("--source") { Description = "With --build: the checkout to publish from (default: this one)" };

    private static readonly Option<bool> DropPrevious = new("--drop-previous") { Description = "Instead: forget the previous token keys (refusing the tokens they signed) and roll; do it once those tokens have expired" };

    private static readonly Option<int> DbShards = new("--db-shards") { Description = $"PostgreSQL servers to spread users' state over (1-{LocalCluster.MaxShards}; default: as many as this folder's data is on, else 1)" };

    private static readonly Option<TimeSpan> TopInterval = DurationOption.Create("--interval", "Time between two looks", PrometheusServer.ScrapeInterval);

    private static readonly Option<int> Samples = new("--samples") { Description = "Looks to take, then exit (default 0: until Ctrl-C)" };

    private static readonly Option<int> MinSilos = new("--min") { Description = "Fewest silos", DefaultValueFactory = _ => 1 };

    private static readonly Option<int> MaxSilos = new("--max") { Description = $"Most silos (at most {LocalCluster.MaxSilos})", DefaultValueFactory = _ => 4 };

    private static readonly Option<string> Target = new("--target") { Description = "METRIC=VALUE per silo: requests (req/s), cpu (cores) or p99 (ms), e.g. requests=300", Required = true };

    private static readonly Option<TimeSpan> SustainOut = DurationOption.Create("--sustain", "How long above target before a silo is added", AutoscaleSettings.DefaultSustainOut);

    private static readonly Option<TimeSpan> SustainIn = DurationOption.Create("--sustain-in", "How long below target (with one silo fewer) before one is drained", AutoscaleSettings.DefaultSustainIn);

    private static readonly Option<TimeSpan> Cooldown = DurationOption.Create("--cooldown", "No change for this long after one", AutoscaleSettings.DefaultCooldown);

    private static readonly Option<TimeSpan> RunFor = DurationOption.Create("--duration", "How long to run; 0s: until Ctrl-C", TimeSpan.Zero);

    private static readonly Option<TimeSpan> Last = DurationOption.Create("--last", "The window to draw, ending now", TimeSpan.FromMinutes(10));

    private static readonly Option<string?> GraphFile = new("--out") { Description = "The PNG to write (default: graphs/cluster-<time>.png in the cluster's folder)" };

    private static readonly Option<bool> Purge = new("--purge") { Description = "Also delete the data (PostgreSQL, Redis, secrets, logs)" };

    public static Command Create() => new Command("cluster", "Run a local cluster: Redis membership, PostgreSQL state, N silo processes").WithSubcommands(
        new Command("up", "Start Redis, PostgreSQL (migrated) and N silos, wait until all are Active").Options(Silos, Demo, LoadBalancer, SiloMemory, DbShards).With(async ctx =>
        {
            var memoryLimit = ctx.Get(SiloMemory) is { } size
                ? MemoryCgroup.ParseSize(size) is { } bytes && bytes >= 64L << 20 ? bytes : throw new UsageException($"--silo-memory '{size}' is not a size of at least 64M (e.g. 512M, 2G)")
                : 0;
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ClusterState state;
            if (ctx.Get(Demo) && await cluster.FindRunningAsync() is { } running)
            {
                ctx.Out.Say($"[yellow]a cluster is already running here[/] ({Markup.Escape(ctx.Home.Root)}): running the demo against it");
                state = running;
            }
            else
            {
                state = await cluster.UpAsync(ctx.Get(Silos), ctx.CancellationToken, memoryLimit, dbShards: ctx.Get(DbShards));
                if (ctx.Get(LoadBalancer))
                {
                    state = await cluster.StartLoadBalancerAsync(state);
                }

                ctx.Out.Say($"[green]cluster up[/] in {clock.Elapsed.TotalSeconds:0.0} s");
            }

            var report = await ShowStatusAsync(ctx, cluster, state);
            var upSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
            if (!ctx.Get(Demo))
            {
                return ctx.Out.Success(new { report, upSeconds });
            }

            ctx.Out.Say("");
            var demo = await DemoCommand.RunAsync(ctx);
            ctx.Out.Say("[grey]next: `./actorscale cluster status`, `./actorscale cluster kill --random`, `./actorscale demo`, `./actorscale cluster down`[/]");
            return ctx.Out.Success(new { report, upSeconds, demo });
        }),
        new Command("status", "Silos (process, membership, activations), Redis and PostgreSQL health").With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            return ctx.Out.Success(await ShowStatusAsync(ctx, cluster, await cluster.RequireRunningAsync()));
        }),
        new Command("top", "Each silo's requests per second, p99, activations, forwarded share and CPU from the cluster's Prometheus, live").Options(TopInterval, Samples).With(async ctx =>
        {
            var state = await new LocalCluster(ctx.Home, ctx.Out).RequireRunningAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var prometheus = RequirePrometheus(state, http);
            var samples = new List<object>();
            IReadOnlyList<SiloLoad> loads = [];
            async Task<int> LookAsync()
            {
                for (var n = 0; ctx.Get(Samples) == 0 || n < ctx.Get(Samples); n++)
                {
                    if (n > 0)
                    {
                        await Task.Delay(ctx.Get(TopInterval), ctx.CancellationToken);
                    }

                    loads = await SiloLoad.ReadAsync(prometheus, ctx.CancellationToken);
                    samples.Add(new { at = DateTimeOffset.UtcNow, silos = loads });
                    if (!ctx.Out.Interactive)
                    {
                        ctx.Out.Show(TopTable(loads));
                    }
                }

                return 0;
            }

            try
            {
                await ctx.Out.LiveTableAsync(() => TopTable(loads), LookAsync);
            }
            catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
            {
                // Ctrl-C ends a live view.
            }

            return ctx.Out.Success(new { prometheus = prometheus.Address, samples });
        }),
        new Command("autoscale", "Add a silo when the target metric stays above its value per silo, drain one when it stays below, read from the cluster's Prometheus").Options(MinSilos, MaxSilos, Target, SustainOut, SustainIn, Cooldown, RunFor).With(async ctx =>
        {
            var target = AutoscaleSettings.ParseTarget(ctx.Get(Target), out var error) ?? throw new UsageException(error!);
            if (ctx.Get(MinSilos) < 1 || ctx.Get(MaxSilos) > LocalCluster.MaxSilos || ctx.Get(MinSilos) > ctx.Get(MaxSilos))
            {
                throw new UsageException($"--min and --max must satisfy 1 <= min <= max <= {LocalCluster.MaxSilos}");
            }

            var settings = new AutoscaleSettings(ctx.Get(MinSilos), ctx.Get(MaxSilos), target.Metric, target.Target, ctx.Get(SustainOut), ctx.Get(SustainIn), ctx.Get(Cooldown));
            var report = await new Autoscaler(new LocalCluster(ctx.Home, ctx.Out), ctx.Out, settings).RunAsync(ctx.Get(RunFor), ctx.CancellationToken);
            ctx.Out.Say($"[green]autoscale ended[/] after {report.RunSeconds:0} s: {report.SilosAtStart} → {report.SilosAtEnd} silos, {report.Events.Count} change(s)");
            return ctx.Out.Success(report);
        }),
        new Command("graph", "Draw the cluster's Prometheus (requests/s, p99, activations per silo) over a recent window as a PNG").Options(Last, GraphFile).With(async ctx =>
        {
            var state = await new LocalCluster(ctx.Home, ctx.Out).RequireRunningAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var prometheus = RequirePrometheus(state, http);
            var end = DateTimeOffset.UtcNow;
            var start = end - ctx.Get(Last);
            var path = ctx.Get(GraphFile) ?? Path.Combine(ctx.Home.Root, "graphs", $"cluster-{end:yyyyMMdd-HHmmss}.png");
            var points = await PrometheusChart.SaveAsync(prometheus, start, end, $"ActorScale cluster, last {ctx.Get(Last).TotalMinutes:0.#} min (Prometheus)", path, ctx.CancellationToken);
            ctx.Out.Say($"[green]graph written[/]: {Markup.Escape(path)} ({points} points)");
            return ctx.Out.Success(new { path, points });
        }),
        new Command("add", "Start more silos while the cluster runs").Options(Count).With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            return ctx.Out.Success(await ShowStatusAsync(ctx, cluster, await cluster.AddAsync(ctx.Get(Count), ctx.CancellationToken)));
        }),
        new Command("stop", "Stop a silo gracefully: out of the load balancer, then SIGTERM (it hands its users over before it leaves)").Arguments(Silo).With(async ctx =>
        {
            var silo = await new LocalCluster(ctx.Home, ctx.Out).StopSiloAsync(ctx.Get(Silo));
            return ctx.Out.Success(new { stopped = silo.Name, pid = silo.Pid });
        }),
        new Command("kill", "Kill a silo with SIGKILL (a crash)").Arguments(OptionalSilo).Options(RandomSilo, Seed).With(async ctx =>
        {
            var name = ctx.Get(OptionalSilo);
            if (name is null == !ctx.Get(RandomSilo))
            {
                throw new UsageException("name a silo or pass --random (not both)");
            }

            var random = ctx.Get(Seed) is { } seed ? new Random(seed) : Random.Shared;
            var silo = await new LocalCluster(ctx.Home, ctx.Out).KillSiloAsync(name, random);
            return ctx.Out.Success(new { killed = silo.Name, pid = silo.Pid, signal = "SIGKILL" });
        }),
        new Command("restart", "Restart a silo (graceful stop if running, then start, wait Active)").Arguments(Silo).With(async ctx =>
        {
            var silo = await new LocalCluster(ctx.Home, ctx.Out).RestartSiloAsync(ctx.Get(Silo), ctx.CancellationToken);
            return ctx.Out.Success(new { restarted = silo.Name, pid = silo.Pid });
        }),
        new Command("roll", "Restart every silo in turn, each drained, restarted, Active and ready before the next; --build publishes the silo from the sources first").Options(Build, Source).With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var source = ctx.Get(Source);
            if (source is not null && !ctx.Get(Build))
            {
                throw new UsageException("--source goes with --build");
            }

            var release = ctx.Get(Build) ? await cluster.PublishReleaseAsync(source, ctx.CancellationToken) : null;
            var state = await cluster.RollAsync(release, ctx.CancellationToken);
            ctx.Out.Say($"[green]rolled {state.Silos.Count} silos in {clock.Elapsed.TotalSeconds:0.0} s[/]");
            return ctx.Out.Success(new { rolled = state.Silos.Select(s => s.Name), seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), program = state.SiloProgram });
        }),
        new Command("rotate-token-key", "Rotate the key that signs session tokens without refusing any: a new key is rolled out as verify-only, then made current (the old one still verifies); two rolls").Options(DropPrevious).With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            if (ctx.Get(DropPrevious))
            {
                var dropped = ctx.Home.DropPreviousTokenKeys();
                await cluster.RollAsync(null, ctx.CancellationToken);
                ctx.Out.Say($"[green]dropped {dropped} previous token keys[/]: tokens they signed are refused now");
                return ctx.Out.Success(new { dropped });
            }

            var next = ctx.Home.StageTokenKey();
            await cluster.RollAsync(null, ctx.CancellationToken);
            ctx.Home.PromoteTokenKey(next);
            await cluster.RollAsync(null, ctx.CancellationToken);
            var previous = ctx.Home.PreviousTokenKeys().Count;
            ctx.Out.Say($"[green]new token key in use[/]; {previous} previous keys still verify: `cluster rotate-token-key --drop-previous` once their tokens have expired");
            return ctx.Out.Success(new { rotated = true, previousKeys = previous });
        }),
        new Command("rotate-ca", "Replace the certificate authority of the Orleans ports' mutual TLS while the cluster serves: trust the new one, issue from it, forget the old one; three rolls").With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            var state = await cluster.RotateAuthorityAsync(null, ctx.CancellationToken);
            ctx.Out.Say($"[green]new certificate authority in use[/] by {state.Silos.Count(s => s.Pid > 0)} silos and the client certificate in {LabMarkup.Escape(ctx.Home.Certificates.Folder)}; certificates of the old one are refused");
            return ctx.Out.Success(new { rotated = true });
        }),
        new Command("measure", "Measure SIGKILL recovery (median/max over N kills) and silo RSS idle and under load").Options(Kills, LoadSeconds, LoadUsers).With(async ctx =>
        {
            var cluster = new LocalCluster(ctx.Home, ctx.Out);
            var measurement = new FailoverMeasurement(cluster, ctx.Out, await ctx.ClientAsync());
            var report = await measurement.RunAsync(ctx.Get(Kills), TimeSpan.FromSeconds(ctx.Get(LoadSeconds)), ctx.Get(LoadUsers), ctx.CancellationToken);
            var table = new Table().AddColumns("Measure", "Value");
            table.AddRow("SIGKILL → first successful call on a grain of the killed silo", $"median {report.MedianRecoverySeconds:0.000} s, max {report.MaxRecoverySeconds:0.000} s over {report.Kills.Count} kills");
            table.AddRow("silo RSS idle (MiB)", string.Join(", ", report.IdleRssMiB.Select(r => $"{r.Key} {r.Value:0}")));
            table.AddRow($"silo RSS under load (peak MiB, {ctx.Get(LoadUsers)} users)", string.Join(", ", report.LoadRssMiB.Select(r => $"{r.Key} {r.Value:0}")));
            table.AddRow("load throughput (calls/s, 80 % reads)", $"{report.LoadOpsPerSecond:0}");
            ctx.Out.Show(table);
            return ctx.Out.Success(report);
        }),
        new Command(BalancerWatch.Command, "Keep the load balancer's silo list to the silos that can serve (started by `cluster up --lb`; runs until the balancer stops)") { Hidden = true }.With(async ctx =>
        {
            await BalancerWatch.RunAsync(ctx.Home, line => ctx.Out.Say($"{DateTime.UtcNow:HH:mm:ss.fff} {Markup.Escape(line)}"), ctx.CancellationToken);
            return 0;
        }),
        new Command("down", "Stop everything; data is kept unless --purge").Options(Purge).With(async ctx =>
        {
            await new LocalCluster(ctx.Home, ctx.Out).DownAsync(ctx.Get(Purge));
            ctx.Out.Say("[green]cluster down[/]" + (ctx.Get(Purge) ? " and purged" : $" (data kept in {Markup.Escape(ctx.Home.Root)})"));
            return ctx.Out.Success(new { down = true, purged = ctx.Get(Purge) });
        }));

    private static PrometheusApi RequirePrometheus(ClusterState state, HttpClient http) =>
        NativeProcess.IsRunning(state.PrometheusPid, PrometheusServer.Program)
            ? new PrometheusApi(http, state.PrometheusPort)
            : throw new UsageException("this cluster runs no Prometheus (bench's clusters have none): start it with `actorscale cluster up`");

    private static Table TopTable(IReadOnlyList<SiloLoad> loads)
    {
        var table = new Table().AddColumns("Silo", "req/s", "p99", "Activations", "Forwarded", "CPU (cores)");
        foreach (var load in loads)
        {
            table.AddRow(
                load.Silo,
                Figure(load.RequestsPerSecond, "0.0"),
                load.P99Milliseconds is { } p99 ? $"{Figure(p99, "0.0")} ms" : "-",
                Figure(load.Activations, "0"),
                Figure(load.ForwardedShare * 100, "0.0") + (load.ForwardedShare is null ? "" : " %"),
                Figure(load.CpuCores, "0.00"));
        }

        table.Caption($"[grey]{DateTime.UtcNow:HH:mm:ss} UTC, Prometheus rules over the last 10 s[/]");
        return table;
    }

    private static string Figure(double? value, string format) =>
        value?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    private static async Task<ClusterStatusReport> ShowStatusAsync(CliContext ctx, LocalCluster cluster, ClusterState state)
    {
        var report = await ClusterInspector.InspectAsync(cluster, state, ctx.ClientAsync);
        var table = new Table().AddColumns("Silo", "Address", "PID", "Process", "Membership", "Gateway", "HTTP", "Activations", "HTTP requests: local / forwarded (moved)", "req/s", "p99");
        foreach (var silo in report.Silos)
        {
            table.AddRow(
                silo.Name,
                Markup.Escape(silo.Address),
                silo.Pid > 0 ? silo.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                silo.ProcessRunning ? "[green]running[/]" : "[red]gone[/]",
                silo.Membership == "Active" ? "[green]Active[/]" : $"[yellow]{silo.Membership}[/]",
                silo.Gateway,
                silo.Http,
                Markup.Escape(string.Join(", ", silo.Activations.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}"))),
                silo.Routing is { } r ? $"{r.Local} / {r.Forwarded} ({r.Migrations})" : "-",
                silo.RequestsPerSecond is { } rate ? rate.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-",
                silo.P99Milliseconds is { } p99 ? $"{p99.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms" : "-");
        }

        ctx.Out.Show(table);
        if (report.Http is not null)
        {
            ctx.Out.Say($"HTTP load balancer (nginx): {report.Http}");
        }

        if (report.Prometheus is not null)
        {
            ctx.Out.Say($"Prometheus {Markup.Escape(report.Prometheus)} [grey](req/s and p99: its rules over the last 10 s; `actorscale cluster top` shows them live)[/]");
        }

        foreach (var (name, health) in new[] { ("Redis", report.Redis), ("PostgreSQL", report.Postgres) })
        {
            ctx.Out.Say($"{name} {health.Endpoint} pid {health.Pid}: {(health.Healthy ? "[green]healthy[/]" : "[red]unhealthy[/]")} ({Markup.Escape(health.Detail)})");
        }

        if (report.Shards is { Count: > 1 } shards || report.ShardMap?.Contains("resharding", StringComparison.Ordinal) == true)
        {
            var shardTable = new Table().AddColumns("Shard", "PostgreSQL", "PID", "Role", "Users", "State rows", "Rows written");
            foreach (var shard in report.Shards!)
            {
                shardTable.AddRow(
                    shard.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    shard.Endpoint,
                    shard.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    shard.InUse,
                    shard.Users?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "[red]down[/]",
                    shard.Rows?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    shard.Writes?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? Markup.Escape(shard.Problem ?? "-"));
            }

            ctx.Out.Say($"grain state shards: {Markup.Escape(report.ShardMap ?? "")}");
            ctx.Out.Show(shardTable);
        }

        if (report.Dashboard is not null)
        {
            ctx.Out.Say($"Orleans Dashboard: {report.Dashboard} (user operator, password in {Markup.Escape(ctx.Home.DashboardPasswordFile)})");
        }

        ctx.Out.Say($"[grey]state, logs and secrets in {Markup.Escape(report.Home)}[/]");
        return report;
    }
}
