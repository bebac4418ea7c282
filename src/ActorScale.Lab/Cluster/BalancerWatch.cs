using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// What an orchestrator's endpoints controller does, for the local cluster's nginx: a process of its own
/// (<c>actorscale cluster lb-watch</c>, started with the balancer) that every quarter second compares the silos nginx sends
/// requests to with the silos that can serve them, and reloads nginx when they differ. It reloads as seldom as it can,
/// because a reload closes clients' idle keep-alive connections and a request sent on one at that moment fails:
/// <list type="bullet">
/// <item>A silo that hangs (SIGSTOP, a stalled machine) leaves as soon as its peers declare it dead while its port still
/// takes connections: nginx alone cannot tell a hung silo from a slow one, and its users' requests would wait on it.</item>
/// <item>A silo that stops or restarts (a drain, a roll, a crash) stays: its port refuses connections, and nginx sends
/// its users to the next silo at once; restarted, it takes connections again on the same port once it is Active. Only a
/// silo gone for <see cref="GoneFor"/> leaves the list.</item>
/// <item>A silo not in the list (added, or back from a hang) joins once it is Active and ready.</item>
/// </list>
/// </summary>
public static class BalancerWatch
{
    public const string Command = "lb-watch";

    /// <summary>How long a silo's process may be gone (a restart under way) before the silo leaves the balancer's list.</summary>
    public static readonly TimeSpan GoneFor = TimeSpan.FromSeconds(30);

    /// <summary>How often it looks: a hung silo waits in nginx this much longer than its peers take to declare it dead.</summary>
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs until cancelled or until the balancer is gone; one log line per change.</summary>
    public static async Task RunAsync(ClusterHome home, Action<string> log, CancellationToken cancellationToken)
    {
        var goneSince = new Dictionary<string, DateTime>();
        ConnectionMultiplexer? redis = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var state = home.TryLoadState();
                if (state is null || !NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
                {
                    log("the load balancer is gone: stopping");
                    return;
                }

                try
                {
                    // One connection for the watch's life (it reads the membership four times a second); it reconnects by itself.
                    redis ??= await ConnectionMultiplexer.ConnectAsync(state.ClientSettings(home).RedisConnectionString());
                    var membership = redis.GetDatabase();
                    var upstream = NginxServer.UpstreamPorts(home);
                    if (Differs(upstream, await ServingAsync(membership, state, upstream, goneSince)))
                    {
                        await NginxServer.WithReloadLockAsync(home, async () =>
                        {
                            // Again under the lock: the launcher may have reloaded meanwhile (a silo added).
                            var now = home.TryLoadState() ?? state;
                            var current = NginxServer.UpstreamPorts(home);
                            var serving = await ServingAsync(membership, now, current, goneSince);
                            if (Differs(current, serving))
                            {
                                await NginxServer.ReloadUnlockedAsync(home, now.LbPort, now.LbPid, serving);
                                log($"nginx reloaded: {Describe(now, serving)} (was {Describe(now, current)})");
                            }
                        }, cancellationToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redis restarting, a state file being replaced: the next round sees it settled.
                    log($"skipped a round: {ex.Message.Split('\n')[0]}");
                }

                try
                {
                    await Task.Delay(Every, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The HTTP ports nginx should send requests to (see the rules above). <paramref name="goneSince"/> remembers, per
    /// silo, since when its process has been gone. Never none: with no silo serving (every silo starting) the balancer
    /// keeps them all.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ServingAsync(IDatabase redis, ClusterState state, IReadOnlyList<int> upstream, Dictionary<string, DateTime> goneSince)
    {
        var members = await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId);
        var candidates = state.Silos.Where(s => s.HttpPort > 0).ToList();
        var serving = new List<int>();
        foreach (var silo in candidates)
        {
            var listed = upstream.Contains(silo.HttpPort);
            if (!NativeProcess.IsRunning(silo.Pid, SiloBinary.ProgramName))
            {
                var since = goneSince.TryGetValue(silo.Name, out var seen) ? seen : goneSince[silo.Name] = DateTime.UtcNow;
                if (listed && DateTime.UtcNow - since < GoneFor)
                {
                    serving.Add(silo.HttpPort);
                }

                continue;
            }

            goneSince.Remove(silo.Name);
            var status = LatestStatus(members, silo);
            var keep = listed
                ? status != "Dead" || !await TakesConnectionsAsync(silo.HttpPort)
                : status == "Active" && await ReadyAsync(silo.HttpPort);
            if (keep)
            {
                serving.Add(silo.HttpPort);
            }
        }

        return serving.Count > 0 ? serving : [.. candidates.Select(s => s.HttpPort)];
    }

    /// <summary>The status in the silo's newest membership row (highest generation on its address), or null when it has none.</summary>
    private static string? LatestStatus(IReadOnlyList<MembershipEntry> members, SiloRecord silo)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{silo.SiloPort}@");
        return members
            .Where(m => m.SiloAddress.StartsWith(prefix, StringComparison.Ordinal))
            .MaxBy(m => long.TryParse(m.SiloAddress[prefix.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) ? generation : 0)
            ?.Status;
    }

    /// <summary>
    /// Whether the port still takes connections: a hung silo's does (the kernel accepts for it, or, once its backlog is
    /// full, lets the connection wait), while a silo that is stopping has closed it and the kernel refuses at once. So a
    /// silo declared dead that is not refusing is hung, not leaving.
    /// </summary>
    private static async Task<bool> TakesConnectionsAsync(int port)
    {
        using var socket = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return true;
        }
    }

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };

    private static async Task<bool> ReadyAsync(int httpPort)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(LocalCluster.HttpAddress(httpPort) + "/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static bool Differs(IReadOnlyCollection<int> current, IReadOnlyCollection<int> serving) => !current.Order().SequenceEqual(serving.Order());

    private static string Describe(ClusterState state, IReadOnlyCollection<int> ports) =>
        string.Join(", ", state.Silos.Where(s => ports.Contains(s.HttpPort)).Select(s => s.Name));
}
