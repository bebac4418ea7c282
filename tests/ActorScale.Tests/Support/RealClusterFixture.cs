using ActorScale.Lab;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;

namespace ActorScale.Tests.Support;

/// <summary>
/// A real cluster, started by the same launcher as <c>actorscale cluster up</c>: a private redis-server and PostgreSQL
/// on free loopback ports, three silo processes, data in a temporary folder, everything stopped by PID at the end.
/// </summary>
public sealed class RealClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    private readonly Dictionary<string, (int RedisPort, int PostgresPort, IReadOnlyList<BaselineServer> Servers)> _baselines = [];
    private ClusterConnection? _connection;

    public ClusterHome Home { get; } = new(Path.Combine(Path.GetTempPath(), $"actorscale-test-{Guid.NewGuid():N}"[..32]));

    public LocalCluster Launcher { get; private set; } = null!;

    public ClusterState State { get; private set; } = null!;

    public IClusterClient Client => _connection!.Client;

    public ClusterConnection Connection => _connection!;

    public async Task InitializeAsync()
    {
        // Fast password hashing: these tests are about processes and storage, not PBKDF2 cost. 127.0.0.1 is the lab's own
        // address, which the launcher exempts from HTTP limits; contract tests that name other clients (X-Forwarded-For)
        // get the per-address limits lifted, and topology tests that drive one user through the gateway as fast as it
        // answers get the per-user gateway bucket lifted (SessionGrainTests covers that bucket).
        Launcher = new LocalCluster(Home, LabOutput.Null, new Dictionary<string, string>
        {
            ["ActorScale__Sessions__PasswordIterations"] = "1000",
            ["ActorScale__Limits__CredentialsBurstPerAddress"] = "1000000",
            ["ActorScale__Limits__CredentialsPerSecondPerAddress"] = "1000000",
            ["ActorScale__Limits__ApiBurstPerAddress"] = "1000000",
            ["ActorScale__Limits__ApiPerSecondPerAddress"] = "1000000",
            ["ActorScale__Limits__GatewayBurstPerUser"] = "1000000",
            ["ActorScale__Limits__GatewayPerSecondPerUser"] = "1000000",
        });
        State = await Launcher.UpAsync(Silos, CancellationToken.None);
        await ReconnectAsync();
    }

    /// <summary>Reads the recorded state again (after add, kill, restart) and returns it.</summary>
    /// <summary>The cluster's nginx and its balancer watch (<c>cluster up --lb</c>), started by the first test that needs them.</summary>
    public async Task<ClusterState> BalancerAsync()
    {
        var state = Refresh();
        if (!NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            await Launcher.StartLoadBalancerAsync(state);
            state = Refresh();
        }

        return state;
    }

    public ClusterState Refresh() => State = Home.TryLoadState() ?? throw new InvalidOperationException("cluster state is gone");

    /// <summary>The silos running now with HTTP (other tests of the collection kill, add and restart silos), at least two.</summary>
    public List<SiloRecord> RunningSilos()
    {
        var running = Refresh().Silos.Where(s => s.HttpPort > 0 && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        Assert.True(running.Count >= 2, $"the tests need two running silos with HTTP; running: {string.Join(", ", running.Select(s => s.Name))}");
        return running;
    }

    public async Task ReconnectAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        Refresh();
        _connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(State.ClientSettings(Home), [], "test cluster"), CancellationToken.None);
    }

    /// <summary>A client that uses only the gateway of one silo.</summary>
    public Task<ClusterConnection> PinnedAsync(SiloRecord silo) =>
        ClusterConnection.ConnectAsync(new ConnectionSettings(State.ClientSettings(Home), [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, silo.GatewayPort)], silo.Name), CancellationToken.None);

    /// <summary>
    /// Two servers of a baseline design against this cluster's Redis and PostgreSQL, started on first use and kept while
    /// that design's tests run; started again when the cluster's stores moved (a test took the whole cluster down and
    /// up). Only one design runs at a time, so the other tests of the collection share the machine with two servers at
    /// most. Tests of one collection run one at a time, so no two calls overlap.
    /// </summary>
    public async Task<IReadOnlyList<BaselineServer>> BaselineAsync(string design)
    {
        var state = Refresh();
        if (_baselines.TryGetValue(design, out var running)
            && running.RedisPort == state.RedisPort && running.PostgresPort == state.PostgresPort
            && running.Servers.All(s => NativeProcess.IsRunning(s.Pid, BaselineServers.ProgramName)))
        {
            return running.Servers;
        }

        await BaselineServers.StopAsync(_baselines.Values.SelectMany(b => b.Servers));
        _baselines.Clear();
        var servers = await Launcher.StartBaselineAsync(design, 2, CancellationToken.None);
        _baselines[design] = (state.RedisPort, state.PostgresPort, servers);
        return servers;
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await BaselineServers.StopAsync(_baselines.Values.SelectMany(b => b.Servers));

        // ACTORSCALE_KEEP_TEST_LOGS=1 keeps the folder (logs, data) for a post-mortem; processes are stopped either way.
        await Launcher.DownAsync(purge: Environment.GetEnvironmentVariable("ACTORSCALE_KEEP_TEST_LOGS") != "1");
    }
}

[CollectionDefinition(Name)]
public sealed class RealClusterCollection : ICollectionFixture<RealClusterFixture>
{
    public const string Name = "real cluster";
}
