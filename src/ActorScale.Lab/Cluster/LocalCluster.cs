using ActorScale.Storage.Postgres;
using ActorScale.Storage.Sharding;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Runs a whole cluster on this machine: a private Redis (membership), a private PostgreSQL (grain state) and N silo
/// processes, all on free loopback ports, all recorded by PID in <see cref="ClusterHome.StateFile"/>. Used by the
/// <c>cluster</c> commands and, unchanged, by the integration tests.
/// </summary>
/// <param name="home">The folder the cluster owns.</param>
/// <param name="output">Where progress goes.</param>
/// <param name="siloSettings">Extra silo settings as environment variables (tests lower PBKDF2 iterations this way).</param>
public sealed partial class LocalCluster(ClusterHome home, ILabOutput output, IReadOnlyDictionary<string, string>? siloSettings = null)
{
    /// <summary>PostgreSQL allows <see cref="PostgresServer.MaxConnections"/>; each silo pools at most 20.</summary>
    public const int MaxSilos = 8;

    public const int SiloPoolSize = 20;

    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(90);

    private static readonly object StateLock = new();

    public ClusterHome Home => home;

    /// <summary>The extra silo settings this launcher passes to every silo it starts.</summary>
    public IReadOnlyDictionary<string, string>? SiloSettings => siloSettings;

    private string SetupLog => Path.Combine(home.LogsDir, "setup.log");

    /// <summary>The recorded cluster if any of its processes still runs; stale records (a crashed run) are cleaned.</summary>
    public async Task<ClusterState?> FindRunningAsync()
    {
        var state = home.TryLoadState();
        if (state is null)
        {
            return null;
        }

        // Degraded (PostgreSQL stopped, silos killed) still counts as running; stale means nothing recorded runs.
        if (NativeProcess.IsRunning(state.RedisPid, RedisServer.Program)
            || PostgresServer.IsRunning(state)
            || state.Shards.Any(PostgresServer.IsRunning)
            || state.Silos.Any(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)))
        {
            return state;
        }

        output.Say("[yellow]![/] found state of a cluster that is no longer running (a crashed run?): cleaning up its leftovers");
        await StopEverythingAsync(state);
        home.DeleteState();
        return null;
    }

    /// <param name="silos">How many silos to start.</param>
    /// <param name="cancellationToken">Stops waiting for the silos.</param>
    /// <param name="siloMemoryLimitBytes">Each silo's memory limit; 0 for none.</param>
    /// <param name="plaintextTransport">The Orleans ports without TLS (bench's comparison).</param>
    /// <param name="dbShards">How many PostgreSQL servers hold grain state; 0 (default) for as many as this folder's data is on, else 1.</param>
    /// <param name="monitoring">Start a Prometheus that scrapes the silos and give the silos the Orleans Dashboard (bench's clusters go without both: they would take CPU from the measured designs).</param>
    public async Task<ClusterState> UpAsync(int silos, CancellationToken cancellationToken, long siloMemoryLimitBytes = 0, bool plaintextTransport = false, int dbShards = 0, bool monitoring = true)
    {
        RequireSiloCount(silos);
        var recordedMap = ShardMap();
        if (recordedMap is not null && dbShards > 0 && dbShards != recordedMap.Count)
        {
            throw new UsageException($"this cluster's data is on {recordedMap.Count} database shard(s): start it as it is, then `actorscale db reshard --to {dbShards}` (or `cluster down --purge` to start afresh)");
        }

        if (siloMemoryLimitBytes > 0 && MemoryCgroup.FindProblem() is { } cannot)
        {
            throw new UsageException(cannot);
        }

        if (await FindRunningAsync() is { } running)
        {
            throw new UsageException($"a cluster is already running here ({running.Silos.Count(s => s.Pid > 0)} silos, state in {home.Root}): see `actorscale cluster status`, or `actorscale cluster down` first");
        }

        var silo = SiloBinary.Locate();
        await output.StepAsync("redis-server installed", () => RedisServer.EnsureInstalledAsync(SetupLog));
        var adminPassword = home.Secret(home.PostgresAdminPasswordFile);
        var roles = Roles();

        var state = new ClusterState { SiloMemoryLimitBytes = siloMemoryLimitBytes, PlaintextTransport = plaintextTransport, Monitoring = monitoring };
        var redisPort = NativeProcess.FreeLoopbackPort();
        var redisPid = await output.StepAsync($"Redis on 127.0.0.1:{redisPort}", () => RedisServer.StartAsync(home, redisPort, state.ServiceId, state.ClusterId));
        state = Update(_ => state with { RedisPort = redisPort, RedisPid = redisPid });

        var dataDir = await output.StepAsync("PostgreSQL data folder", () => PostgresServer.PrepareDataDirAsync(home, adminPassword, SetupLog));
        var postgresPort = NativeProcess.FreeLoopbackPort();
        var postgresPid = await output.StepAsync($"PostgreSQL on 127.0.0.1:{postgresPort}", () => PostgresServer.StartAsync(dataDir, postgresPort, SetupLog));
        state = Update(current => current with { PostgresPort = postgresPort, PostgresPid = postgresPid, PostgresDataDir = dataDir });

        await output.StepAsync("database roles", () => PostgresBootstrap.EnsureAsync(PostgresServer.AdminConnectionString(postgresPort, adminPassword), roles, cancellationToken));
        var applied = await output.StepAsync("schema migrations", () => PostgresSchema.MigrateAsync(OwnerConnectionString(state), roles.AppRole, roles.ReaderRole, cancellationToken));
        output.Say(applied.Count == 0 ? "  [grey]schema already at version " + PostgresSchema.RequiredVersion + "[/]" : $"  [grey]applied {string.Join(", ", applied)}[/]");

        // Shard servers from an earlier run come back with the data they hold; the map keeps its placement and any
        // resharding in progress (finish it with `db reshard --to <target>`), only the ports are new.
        state = await StartShardServersAsync(state, recordedMap?.Shards.Count ?? Math.Max(dbShards, 1), cancellationToken);
        PublishShardMap(state, recordedMap ?? new ShardMap(0, [], Math.Max(dbShards, 1), Math.Max(dbShards, 1), ReshardPhase.Stable));
        if (monitoring && !NativeProcess.IsRoot && AptPackage.FindOnPath(PrometheusServer.Program) is null)
        {
            // Not fatal: the cluster serves without it; only `cluster top`, `graph` and `autoscale` need it.
            output.Say($"[yellow]![/] prometheus is not installed and this is not root: the cluster runs without it (`cluster top`, `graph` and `autoscale` need it: `sudo apt-get install -y {PrometheusServer.Package}`)");
        }
        else if (monitoring)
        {
            await output.StepAsync("prometheus installed", () => PrometheusServer.EnsureInstalledAsync(SetupLog));
            var prometheusPort = NativeProcess.FreeLoopbackPort();
            var prometheusPid = await output.StepAsync($"Prometheus on 127.0.0.1:{prometheusPort}", () => PrometheusServer.StartAsync(home, prometheusPort, state));
            state = Update(current => current with { PrometheusPort = prometheusPort, PrometheusPid = prometheusPid });
        }

        return await StartSilosAsync(state, silo, silos, cancellationToken);
    }

    public async Task<ClusterState> AddAsync(int count, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        RequireSiloCount(state.Silos.Count(s => s.Pid > 0) + count);
        return await ReloadLoadBalancerAsync(await StartSilosAsync(state, state.SiloProgram ?? SiloBinary.Locate(), count, cancellationToken));
    }

    public async Task<SiloRecord> StopSiloAsync(string name)
    {
        var state = await RequireRunningAsync();
        var silo = Find(state, name);
        await DrainAsync(silo);
        Save(state, silo with { Pid = 0 });
        return silo;
    }

    /// <summary>Stops the load balancer and every silo gracefully, keeping Redis and PostgreSQL (bench runs the baseline on them next).</summary>
    public async Task<ClusterState> StopSilosAsync()
    {
        var state = await RequireRunningAsync();
        await StopLoadBalancerAndSilosAsync(state);
        return Update(current => current with { LbPid = 0, LbPort = 0, LbHttpPort = 0, Silos = [.. current.Silos.Select(s => s with { Pid = 0 })] }, state);
    }

    public async Task<SiloRecord> KillSiloAsync(string? name, Random random)
    {
        var state = await RequireRunningAsync();
        var running = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var silo = name is null
            ? running.Count > 0 ? running[random.Next(running.Count)] : throw new UsageException("no silo is running")
            : Find(state, name);
        if (!NativeProcess.IsRunning(silo.Pid, SiloBinary.ProgramName))
        {
            throw new UsageException($"{silo.Name} is not running");
        }

        NativeProcess.Signal(silo.Pid, NativeProcess.SigKill);
        await NativeProcess.WaitForExitAsync(silo.Pid, SiloBinary.ProgramName, TimeSpan.FromSeconds(10));
        output.Say($"[red]✝[/] {silo.Name} (pid {silo.Pid}) killed with SIGKILL");
        Save(state, silo with { Pid = 0 });
        return silo;
    }

    public async Task<SiloRecord> RestartSiloAsync(string name, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        var silo = Find(state, name);
        if (NativeProcess.IsRunning(silo.Pid, SiloBinary.ProgramName))
        {
            await DrainAsync(silo);
        }

        var launchedAt = DateTimeOffset.UtcNow;
        var started = await LaunchSiloAsync(state, state.SiloProgram ?? SiloBinary.Locate(), silo);
        state = Save(state, started);
        await output.StepAsync($"{silo.Name} Active in membership", () => WaitActiveAsync(state, started, launchedAt, cancellationToken));
        if (started.HttpPort > 0)
        {
            await output.StepAsync($"{silo.Name} ready", () => WaitReadyAsync(started, cancellationToken));
        }

        await ReloadLoadBalancerAsync(state);
        return started;
    }

    /// <summary>
    /// The silo published from <paramref name="sourceRoot"/> (default: this checkout) into a release folder of its own,
    /// for <see cref="RollAsync"/>: a code change deployed by a rolling restart.
    /// </summary>
    public Task<string> PublishReleaseAsync(string? sourceRoot, CancellationToken cancellationToken) =>
        output.StepAsync($"silo published from {(sourceRoot is null ? "the sources" : LabMarkup.Escape(sourceRoot))}", () => SiloRelease.PublishAsync(home, sourceRoot, SetupLog, cancellationToken));

    /// <summary>
    /// <c>cluster roll</c>: every running silo in turn drained, restarted, Active and ready before the next, so the
    /// cluster keeps serving throughout; with <paramref name="release"/> (<see cref="PublishReleaseAsync"/>) every silo
    /// restarts on that program.
    /// </summary>
    public async Task<ClusterState> RollAsync(string? release, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        if (release is not null)
        {
            state = Update(current => current with { SiloProgram = release }, state);
        }

        foreach (var silo in state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList())
        {
            await RestartSiloAsync(silo.Name, cancellationToken);
        }

        return await RequireRunningAsync();
    }

    /// <summary>
    /// Starts every stopped silo again (after <see cref="StopSilosAsync"/>), with the Orleans ports in plaintext or
    /// mutual TLS from now on: bench's measure of what TLS costs, on the same silos, Redis and PostgreSQL.
    /// </summary>
    public async Task<ClusterState> StartStoppedSilosAsync(bool plaintextTransport, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        state = Update(current => current with { PlaintextTransport = plaintextTransport }, state);
        foreach (var silo in state.Silos.Where(s => !NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList())
        {
            await RestartSiloAsync(silo.Name, cancellationToken);
        }

        return await RequireRunningAsync();
    }

    /// <summary>
    /// <c>cluster rotate-ca</c>: a new certificate authority for the Orleans ports while the cluster serves. Three rolls,
    /// because a silo trusts only what its trust file held when it started: first every silo learns to trust the new
    /// authority, then every silo is issued a certificate of the new one, then every silo forgets the old one. Clients
    /// pick up the new client certificate at their next connection (after the second roll); one still holding the old
    /// certificate is refused after the third.
    /// </summary>
    /// <param name="afterStep">Called after each step's roll with the step's name (tests reconnect their clients there).</param>
    /// <param name="cancellationToken">Stops waiting for the silos.</param>
    public async Task<ClusterState> RotateAuthorityAsync(Func<string, Task>? afterStep, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        if (state.PlaintextTransport)
        {
            throw new UsageException("this cluster runs without TLS on the Orleans ports (started by bench for its comparison): nothing to rotate");
        }

        var certificates = home.Certificates;
        (string Name, Action Change)[] steps =
        [
            ("staged", certificates.StageAuthority),
            ("promoted", certificates.PromoteAuthority),
            ("previous dropped", certificates.DropPreviousAuthority),
        ];
        foreach (var (name, change) in steps)
        {
            change();
            output.Say($"[grey]·[/] certificate authority {name}: rolling the silos");
            state = await RollAsync(null, cancellationToken);
            if (name == "promoted" && NativeProcess.IsRunning(state.LbPid, NginxServer.Program) && state.LbHttpPort > 0)
            {
                // The balancer's certificate too, before its authority is forgotten: nginx reads it again on a reload.
                var tls = BalancerTls.Issue(home, BalancerName, state.LbHttpPort);
                await output.StepAsync("nginx reloaded with a certificate of the new authority", () => NginxServer.ReloadAsync(home, state.LbPort, state.LbPid, HttpPorts(state), tls));
            }

            if (afterStep is not null)
            {
                await afterStep(name);
            }
        }

        return state;
    }

    /// <summary>
    /// A graceful stop: SIGTERM, on which the silo closes its HTTP port (nginx sends its users' next requests to the next
    /// silo, as for any refused connection, with no reload) and hands its users over (<c>SiloDrain</c>) before it
    /// leaves the membership; SIGKILL only after 30 s. The silo stays in nginx's list: restarted, it is back on its port.
    /// </summary>
    private async Task DrainAsync(SiloRecord silo)
    {
        await output.StepAsync($"{silo.Name} drained and stopped (SIGTERM)", () => NativeProcess.StopAsync(silo.Pid, SiloBinary.ProgramName, NativeProcess.SigTerm, TimeSpan.FromSeconds(30)));
    }

    private static async Task WaitReadyAsync(SiloRecord silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + SiloStartTimeout;
        var seen = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(HttpAddress(silo.HttpPort) + "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                seen = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                seen = ex.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{silo.Name} not ready within {SiloStartTimeout.TotalSeconds:0} s ({seen}); see {silo.LogFile}");
    }

    public async Task DownAsync(bool purge)
    {
        // Rules of a partition whose run crashed: the watchdog would remove them too, later.
        await NetworkPartition.RemoveLeftovers(home);
        var state = home.TryLoadState();
        if (state is not null)
        {
            await StopEverythingAsync(state);
            MemoryCgroup.RemoveAll(home);
            home.DeleteState();
        }
        else
        {
            output.Say("[grey]no cluster is recorded here[/]");
        }

        if (purge)
        {
            await output.StepAsync("data removed (--purge)", () =>
            {
                if (state is { PostgresDataDir.Length: > 0 } && !state.PostgresDataDir.StartsWith(home.Root, StringComparison.Ordinal))
                {
                    Directory.Delete(Path.GetDirectoryName(state.PostgresDataDir)!, recursive: true);
                }

                if (Directory.Exists(home.Root))
                {
                    Directory.Delete(home.Root, recursive: true);
                }

                return Task.CompletedTask;
            });
        }
    }

    public string OwnerConnectionString(ClusterState state) =>
        PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultOwnerRole, home.Secret(home.PostgresOwnerPasswordFile));

    public string AppConnectionString(ClusterState state) =>
        PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole, home.Secret(home.PostgresAppPasswordFile));

    /// <summary>The read-only role's connection: what the lab inspects the database with (the chaos check, <c>cluster status</c>).</summary>
    public string ReaderConnectionString(ClusterState state) =>
        PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultReaderRole, home.Secret(home.PostgresReaderPasswordFile));

    public async Task<ClusterState> RequireRunningAsync() =>
        await FindRunningAsync() ?? throw new UsageException($"no cluster is running here ({home.Root}): start one with `actorscale cluster up`");

    private async Task<ClusterState> StartSilosAsync(ClusterState state, string program, int count, CancellationToken cancellationToken)
    {
        var next = state.Silos.Select(s => int.TryParse(s.Name.AsSpan("silo-".Length), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var started = new List<SiloRecord>();
        var launchedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var record = await LaunchSiloAsync(state, program, NewSilo($"silo-{next + i}"));
            state = Save(state, record);
            started.Add(record);
        }

        await output.StepAsync(
            $"{string.Join(", ", started.Select(s => s.Name))} Active in membership",
            () => Task.WhenAll(started.Select(async silo =>
            {
                try
                {
                    await WaitActiveAsync(state, silo, launchedAt, cancellationToken);
                }
                catch (PortTakenException)
                {
                    // A free port was taken by someone else between our check and the silo's bind: new ports, once.
                    var relaunchedAt = DateTimeOffset.UtcNow;
                    var again = await LaunchSiloAsync(state, program, NewSilo(silo.Name));
                    state = Save(state, again);
                    await WaitActiveAsync(state, again, relaunchedAt, cancellationToken);
                }
            })));
        return home.TryLoadState() ?? state;
    }

    /// <summary>
    /// Where this machine's own load generators (bench, seed, the console) connect from: no rate limit of the servers or
    /// of the local nginx applies to it. Chaos's virtual users and its flood come from other loopback addresses.
    /// </summary>
    public const string LabClientAddress = "127.0.0.1";

    /// <summary>The silos a local cluster usually runs (<c>cluster up</c>'s default), which share the machine's cores.</summary>
    public const int SharingSilos = 3;

    private SiloRecord NewSilo(string name) =>
        new(name, NativeProcess.FreeLoopbackPort(), NativeProcess.FreeLoopbackPort(), 0, Path.Combine(home.LogsDir, $"{name}.log"), NativeProcess.FreeLoopbackPort()) { MetricsPort = NativeProcess.FreeLoopbackPort() };

    private Task<SiloRecord> LaunchSiloAsync(ClusterState state, string program, SiloRecord silo)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Cluster",
            ["ActorScale__Cluster__ServiceId"] = state.ServiceId,
            ["ActorScale__Cluster__ClusterId"] = state.ClusterId,
            ["ActorScale__Cluster__Redis"] = $"127.0.0.1:{state.RedisPort}",
            ["ActorScale__Cluster__RedisUser"] = RedisUsers.Silo,
            ["ActorScale__Cluster__RedisPasswordFile"] = home.RedisPasswordFile(RedisUsers.Silo),
            ["ActorScale__Silo__Name"] = silo.Name,
            ["ActorScale__Silo__AdvertisedAddress"] = "127.0.0.1",
            ["ActorScale__Silo__SiloPort"] = silo.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale__Silo__GatewayPort"] = silo.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale__Silo__HttpPort"] = silo.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale__Silo__MetricsPort"] = silo.MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale__Storage__Provider"] = "Postgres",
            ["ActorScale__Storage__PostgresConnectionString"] = PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole),
            ["ActorScale__Storage__PostgresPasswordFile"] = home.PostgresAppPasswordFile,
            ["ActorScale__Storage__ShardMapFile"] = home.ShardMapFile,
            ["ActorScale__Storage__PostgresMaxPoolSize"] = SiloPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorScale__Tokens__KeyFile"] = TokenKeyFile(),
            ["ActorScale__Tokens__PreviousKeysFile"] = File.Exists(home.TokenPreviousKeysFile) ? home.TokenPreviousKeysFile : "",
            ["ActorScale__Limits__ExemptAddresses"] = LabClientAddress,

            // The local silos share this machine's cores: each hashes passwords on its share, not on all of them.
            ["ActorScale__Limits__MaxConcurrentHashes"] = Math.Max(1, Environment.ProcessorCount / SharingSilos).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (state.Monitoring)
        {
            environment["ActorScale__Silo__DashboardPasswordFile"] = home.SecretFile(home.DashboardPasswordFile);
        }

        var tls = state.PlaintextTransport ? new ActorScale.Hosting.Tls.ClusterTlsSettings { Disabled = true } : home.Certificates.IssueSilo(silo.Name);
        environment["ActorScale__Cluster__Tls__CertificateFile"] = tls.CertificateFile ?? "";
        environment["ActorScale__Cluster__Tls__KeyFile"] = tls.KeyFile ?? "";
        environment["ActorScale__Cluster__Tls__TrustFile"] = tls.TrustFile ?? "";
        environment["ActorScale__Cluster__Tls__Disabled"] = tls.Disabled ? "true" : "false";
        foreach (var (key, value) in siloSettings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var memory = state.SiloMemoryLimitBytes > 0 ? MemoryCgroup.Create(home, silo.Name, state.SiloMemoryLimitBytes) : null;
        var pid = NativeProcess.StartDetached(program, [], environment, silo.LogFile, memory?.ProcsFile);
        output.Say($"[grey]·[/] {silo.Name} started: pid {pid}, silo port {silo.SiloPort}, gateway {silo.GatewayPort}, http {silo.HttpPort}, log {LabMarkup.Escape(silo.LogFile)}");
        return Task.FromResult(silo with { Pid = pid });
    }

    /// <summary>The token key file, the key generated on first use like the other secrets.</summary>
    private string TokenKeyFile()
    {
        home.Secret(home.TokenKeyFile);
        return home.TokenKeyFile;
    }

    /// <summary>Waits for a membership row of this launch (started after <paramref name="launchedAt"/>): the row of a killed incarnation can still read Active.</summary>
    private async Task WaitActiveAsync(ClusterState state, SiloRecord silo, DateTimeOffset launchedAt, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SiloStartTimeout;
        var redis = state.ClientSettings(home).RedisOptions();
        var lastSeen = "no membership row yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await NativeProcess.IsGoneAsync(silo.Pid, SiloBinary.ProgramName))
            {
                if (File.Exists(silo.LogFile) && File.ReadLines(silo.LogFile).Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new PortTakenException($"{silo.Name}: a port was taken before the silo could bind it");
                }

                var tail = File.Exists(silo.LogFile) ? File.ReadLines(silo.LogFile).LastOrDefault(l => l.Contains("actorscale-silo:", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal)) : null;
                throw new InvalidOperationException($"{silo.Name} exited during start{(tail is null ? "" : ": " + tail.Trim())}; see {silo.LogFile}");
            }

            var row = (await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId))
                .Where(e => e.SiloName == silo.Name && e.SiloAddress.Contains($":{silo.SiloPort}", StringComparison.Ordinal) && e.StartTime >= launchedAt.AddSeconds(-2))
                .OrderByDescending(e => e.StartTime)
                .FirstOrDefault();
            if (row is { Status: "Active" })
            {
                return;
            }

            lastSeen = row is null ? lastSeen : $"status {row.Status}";
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{silo.Name} not Active within {SiloStartTimeout.TotalSeconds:0} s ({lastSeen}); see {silo.LogFile}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task StopEverythingAsync(ClusterState state)
    {
        await StopLoadBalancerAndSilosAsync(state);

        if (PostgresServer.IsReplicaRunning(state))
        {
            await output.StepAsync("PostgreSQL replica stopped", () => PostgresServer.StopReplicaAsync(state));
        }

        if (PostgresServer.IsRunning(state))
        {
            await output.StepAsync("PostgreSQL stopped", () => PostgresServer.StopAsync(state));
        }

        foreach (var shard in state.Shards.Where(PostgresServer.IsRunning))
        {
            await output.StepAsync($"PostgreSQL shard {shard.Index} stopped", () => PostgresServer.StopAsync(shard));
        }

        if (NativeProcess.IsRunning(state.PrometheusPid, PrometheusServer.Program))
        {
            await output.StepAsync("Prometheus stopped", () => NativeProcess.StopAsync(state.PrometheusPid, PrometheusServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10)));
        }

        if (NativeProcess.IsRunning(state.RedisPid, RedisServer.Program))
        {
            await output.StepAsync("Redis stopped", () => NativeProcess.StopAsync(state.RedisPid, RedisServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>The load balancer, then every running silo gracefully (SIGTERM, SIGKILL after 30 s), all at once.</summary>
    private async Task StopLoadBalancerAndSilosAsync(ClusterState state)
    {
        await StopLoadBalancerAsync(state);
        var silos = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        if (silos.Count > 0)
        {
            await output.StepAsync(
                $"{silos.Count} silo(s) stopped",
                () => Task.WhenAll(silos.Select(s => NativeProcess.StopAsync(s.Pid, SiloBinary.ProgramName, NativeProcess.SigTerm, TimeSpan.FromSeconds(30)))));
        }
    }

    /// <summary>Replaces one silo's record; the file is re-read under the lock, so concurrent fault tasks never undo each other.</summary>
    private ClusterState Save(ClusterState state, SiloRecord silo) => Update(current => current with
    {
        Silos = [.. current.Silos.Where(s => s.Name != silo.Name).Append(silo).OrderBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal)],
    }, state);

    /// <summary>Read-modify-write of cluster.json under one lock per cluster folder; Prometheus' targets follow every change of the silo list.</summary>
    private ClusterState Update(Func<ClusterState, ClusterState> change, ClusterState? fallback = null)
    {
        lock (StateLock)
        {
            var next = change(home.TryLoadState() ?? fallback ?? new ClusterState());
            home.SaveState(next);
            PrometheusServer.WriteTargets(home, next);
            return next;
        }
    }

    private static SiloRecord Find(ClusterState state, string name) =>
        state.Silos.FirstOrDefault(s => s.Name == name)
        ?? throw new UsageException($"no silo named '{name}' (silos: {string.Join(", ", state.Silos.Select(s => s.Name))})");

    private static void RequireSiloCount(int count)
    {
        if (count is < 1 or > MaxSilos)
        {
            throw new UsageException($"a local cluster runs 1-{MaxSilos} silos (PostgreSQL allows {PostgresServer.MaxConnections} connections, {SiloPoolSize} per silo)");
        }
    }

    private sealed class PortTakenException(string message) : Exception(message);
}
