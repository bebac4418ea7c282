using System.Diagnostics;
using System.Globalization;
using System.Net;
using ActorScale.Hosting;
using ActorScale.Storage.Postgres;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Starts and stops the stateless baseline (<c>ActorScale.Baseline</c>, the built apphost) against a local cluster's
/// Redis and PostgreSQL: its schema applied first by its own <c>migrate</c> step as the owner role, then N servers as the
/// application role, each detached on a free loopback port, recorded by PID, ready once <c>/health/ready</c> answers 200.
/// </summary>
/// <param name="home">The cluster's folder: secrets (the JWT key is generated there, mode 0600) and logs.</param>
/// <param name="cluster">The running cluster whose Redis and PostgreSQL the servers use.</param>
/// <param name="settings">Extra settings as environment variables (the cluster's own: tests lower PBKDF2 iterations).</param>
public sealed class BaselineServers(ClusterHome home, ClusterState cluster, IReadOnlyDictionary<string, string>? settings = null)
{
    public const string ProgramName = "ActorScale.Baseline";

    /// <summary>Connections per server, as per silo, so the comparison gives both sides the same pool.</summary>
    public const int PoolSize = LocalCluster.SiloPoolSize;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string JwtKeyFile => Path.Combine(home.SecretsDir, "baseline-jwt.key");

    public static string Locate() => SiloBinary.LocateProgram(ProgramName, "ACTORSCALE_BASELINE");

    /// <summary>Applies the baseline schema (idempotent); throws with the program's own line when it fails.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Locate()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("migrate");
        foreach (var (key, value) in EnvironmentFor(owner: true))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ProgramName} migrate");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var line = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? (await output).Trim();
            throw new InvalidOperationException($"{ProgramName} migrate exited with {process.ExitCode}: {line}");
        }
    }

    /// <summary>Migrates, starts <paramref name="count"/> servers of <paramref name="design"/> and waits until each is ready.</summary>
    public async Task<IReadOnlyList<BaselineServer>> StartAsync(string design, int count, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        var program = Locate();
        var servers = new List<BaselineServer>();
        for (var i = 1; i <= count; i++)
        {
            var name = $"baseline-{design}-{i}";
            var port = NativeProcess.FreeLoopbackPort();
            var metricsPort = NativeProcess.FreeLoopbackPort();
            var log = Path.Combine(home.LogsDir, $"{name}.log");
            var environment = EnvironmentFor(owner: false);
            environment["ActorScale__Baseline__Design"] = design;
            environment["ActorScale__Baseline__Name"] = name;
            environment["ActorScale__Baseline__HttpPort"] = port.ToString(CultureInfo.InvariantCulture);
            environment["ActorScale__Baseline__MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
            if (design == BaselineDesigns.ReadReplica)
            {
                // Cart reads from the streaming replica, as the read-only role (the standby refuses writes from anyone).
                environment["ActorScale__Baseline__PostgresReadConnectionString"] = PostgresServer.ConnectionString(cluster.ReplicaPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultReaderRole);
                environment["ActorScale__Baseline__PostgresReadPasswordFile"] = home.PostgresReaderPasswordFile;
            }

            servers.Add(new BaselineServer(name, design, NativeProcess.StartDetached(program, [], environment, log), port, log) { MetricsPort = metricsPort });
        }

        try
        {
            await Task.WhenAll(servers.Select(s => WaitReadyAsync(s, cancellationToken)));
        }
        catch
        {
            await StopAsync(servers);
            throw;
        }

        return servers;
    }

    /// <summary>SIGTERM by PID (only while the PID still runs the baseline), SIGKILL after a grace period.</summary>
    public static Task StopAsync(IEnumerable<BaselineServer> servers) =>
        Task.WhenAll(servers.Select(s => NativeProcess.StopAsync(s.Pid, ProgramName, NativeProcess.SigTerm, TimeSpan.FromSeconds(10))));

    private Dictionary<string, string> EnvironmentFor(bool owner)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Cluster",
            ["ActorScale__Baseline__Redis"] = $"127.0.0.1:{cluster.RedisPort}",
            ["ActorScale__Baseline__RedisUser"] = RedisUsers.Baseline,
            ["ActorScale__Baseline__RedisPasswordFile"] = home.RedisPasswordFile(RedisUsers.Baseline),
            ["ActorScale__Baseline__PostgresConnectionString"] = PostgresServer.ConnectionString(
                cluster.PostgresPort, DatabaseRoles.DefaultDatabase, owner ? DatabaseRoles.DefaultOwnerRole : DatabaseRoles.DefaultBaselineRole),
            ["ActorScale__Baseline__PostgresPasswordFile"] = owner ? home.PostgresOwnerPasswordFile : home.PostgresBaselinePasswordFile,
            ["ActorScale__Baseline__PostgresMaxPoolSize"] = PoolSize.ToString(CultureInfo.InvariantCulture),
            ["ActorScale__Baseline__AppRole"] = DatabaseRoles.DefaultBaselineRole,
            ["ActorScale__Baseline__ReaderRole"] = DatabaseRoles.DefaultReaderRole,
            ["ActorScale__Limits__ExemptAddresses"] = LocalCluster.LabClientAddress,
        };
        // The same shards, by the same hash, as the silos' grain state (the shard map's count).
        var shards = File.Exists(home.ShardMapFile) ? ActorScale.Storage.Sharding.ShardMapFile.Read(home.ShardMapFile).Count : 1;
        foreach (var (port, index) in LocalCluster.ShardPorts(cluster).Take(shards).Skip(1).Select((p, i) => (p, i)))
        {
            environment[$"ActorScale__Baseline__PostgresShards__{index}"] = PostgresServer.ConnectionString(
                port, DatabaseRoles.DefaultDatabase, owner ? DatabaseRoles.DefaultOwnerRole : DatabaseRoles.DefaultBaselineRole);
        }

        if (!owner)
        {
            home.Secret(JwtKeyFile);
            environment["ActorScale__Baseline__JwtKeyFile"] = JwtKeyFile;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    private static async Task WaitReadyAsync(BaselineServer server, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var lastSeen = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Gone means no live process at the PID at all: while the shell execs the server, the command line can
            // read as neither for a moment, and that is not an exit.
            if (!NativeProcess.IsRunning(server.Pid, string.Empty))
            {
                var lines = File.Exists(server.LogFile) ? File.ReadLines(server.LogFile).Where(l => l.Trim().Length > 0).ToList() : [];
                var tail = lines.LastOrDefault(l => l.Contains("actorscale-baseline:", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)) ?? lines.LastOrDefault();
                throw new InvalidOperationException($"{server.Name} exited during start{(tail is null ? "" : ": " + tail.Trim())}; see {server.LogFile}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(server.Address, "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastSeen = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException ex)
            {
                lastSeen = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{server.Name} not ready within {StartTimeout.TotalSeconds:0} s ({lastSeen}); see {server.LogFile}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
