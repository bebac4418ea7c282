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
/// <item>A silo that hangs (SIGSTOP, a stalled machine) leaves once its HTTP port has taken connections without answering
/// for <see cref="HungFor"/>, or once its peers declare it dead while its port still takes connections: nginx alone cannot
/// tell a hung silo from a slow one, and its users' requests would wait on it. Leaving before the death declaration
/// matters: its users' requests then wait on a healthy silo, whose call to a grain on the hung silo fails the moment the
/// peers declare it dead (Orleans breaks the calls outstanding to a dead silo), answers 503, and nginx re-sends it to a
/// silo that activates the grain afresh. Otherwise the first request that can succeed is the client's first one after
/// the reload.</item>
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

    /// <summary>
    /// How long a silo's HTTP port may take connections without answering <c>/health/live</c> before the silo leaves the
    /// list: far longer than a garbage collection or a starved thread pool holds a live answer on 2 cores (a health check
    /// touches no grain and no store), far shorter than its peers take to declare it dead (6-7 s here).
    /// </summary>
    public static readonly TimeSpan HungFor = TimeSpan.FromSeconds(2);

    /// <summary>How often it looks (and asks each listed silo's <c>/health/live</c>, waiting at most <see cref="ProbeTimeout"/>).</summary>
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs until cancelled or until the balancer is gone; one log line per change.</summary>
    public static async Task RunAsync(ClusterHome home, Action<string> log, CancellationToken cancellationToken)
    {
        var seen = new WatchMemory();
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
                    redis ??= await ConnectionMultiplexer.ConnectAsync(state.ClientSettings(home).RedisOptions());
                    var membership = redis.GetDatabase();
                    var upstream = NginxServer.UpstreamPorts(home);
                    if (Differs(upstream, await ServingAsync(membership, state, upstream, seen)))
                    {
                        await NginxServer.WithReloadLockAsync(home, async () =>
                        {
                            // Again under the lock: the launcher may have reloaded meanwhile (a silo added).
                            var now = home.TryLoadState() ?? state;
                            var current = NginxServer.UpstreamPorts(home);
                            var serving = await ServingAsync(membership, now, current, seen);
                            if (Differs(current, serving))
                            {
                                var clock = System.Diagnostics.Stopwatch.StartNew();
                                await NginxServer.ReloadUnlockedAsync(home, now.LbPort, now.LbPid, serving, now.LbHttpPort > 0 ? BalancerTls.Existing(home, LocalCluster.BalancerName, now.LbHttpPort) : null);
                                log($"nginx reloaded: {Describe(now, serving)} (was {Describe(now, current)}; its old workers took {clock.Elapsed.TotalSeconds:0.0} s to finish their requests)");
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

    /// <summary>What the watch remembers between rounds, per silo name: since when its process has been gone, since when its
    /// HTTP port has taken connections without answering.</summary>
    public sealed class WatchMemory
    {
        public Dictionary<string, DateTime> GoneSince { get; } = [];

        public Dictionary<string, DateTime> SilentSince { get; } = [];
    }

    /// <summary>
    /// The HTTP ports nginx should send requests to (see the rules above). Never none: with no silo serving (every silo
    /// starting) the balancer keeps them all.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ServingAsync(IDatabase redis, ClusterState state, IReadOnlyList<int> upstream, WatchMemory seen)
    {
        var members = await RedisMembership.ReadAsync(redis, state.ServiceId, state.ClusterId);
        var candidates = state.Silos.Where(s => s.HttpPort > 0).ToList();
        var keep = await Task.WhenAll(candidates.Select(silo => KeepAsync(silo, members, upstream.Contains(silo.HttpPort), seen)));
        var serving = candidates.Where((_, i) => keep[i]).Select(s => s.HttpPort).ToList();
        return serving.Count > 0 ? serving : [.. candidates.Select(s => s.HttpPort)];
    }

    private static async Task<bool> KeepAsync(SiloRecord silo, IReadOnlyList<MembershipEntry> members, bool listed, WatchMemory seen)
    {
        var now = DateTime.UtcNow;
        if (!NativeProcess.IsRunning(silo.Pid, SiloBinary.ProgramName))
        {
            DateTime since;
            lock (seen)
            {
                seen.SilentSince.Remove(silo.Name);
                since = seen.GoneSince.TryGetValue(silo.Name, out var gone) ? gone : seen.GoneSince[silo.Name] = now;
            }

            return listed && now - since < GoneFor;
        }

        lock (seen)
        {
            seen.GoneSince.Remove(silo.Name);
            if (!listed)
            {
                // Silence counts only while listed: back in the list, a silo gets the whole HungFor again.
                seen.SilentSince.Remove(silo.Name);
            }
        }

        var status = LatestStatus(members, silo);
        if (!listed)
        {
            return status == "Active" && await ReadyAsync(silo.HttpPort);
        }

        var answer = await LiveAsync(silo.HttpPort);
        DateTime silentSince;
        lock (seen)
        {
            if (answer != Answer.Silent)
            {
                seen.SilentSince.Remove(silo.Name);
                silentSince = now;
            }
            else
            {
                silentSince = seen.SilentSince.TryGetValue(silo.Name, out var silent) ? silent : seen.SilentSince[silo.Name] = now;
            }
        }

        // Hung: silent for HungFor, or declared dead while its port still takes connections. A silo that refuses is stopping.
        var hung = now - silentSince >= HungFor
            || (status == "Dead" && answer != Answer.Refused && await TakesConnectionsAsync(silo.HttpPort));
        return !hung;
    }

    /// <summary>The status in the silo's newest membership row (highest generation on its address), or null when it has none.</summary>
    public static string? LatestStatus(IReadOnlyList<MembershipEntry> members, SiloRecord silo)
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

    private static readonly HttpClient Probe = new() { Timeout = ProbeTimeout };

    private enum Answer
    {
        Answered,
        Refused,
        Silent,
    }

    /// <summary>Asks <c>/health/live</c>: any HTTP answer counts; a refused connection is a silo stopping; nothing within <see cref="ProbeTimeout"/> is silence.</summary>
    private static async Task<Answer> LiveAsync(int httpPort)
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri(LocalCluster.HttpAddress(httpPort) + "/health/live"));
            return Answer.Answered;
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return Answer.Refused;
        }
        catch (HttpRequestException)
        {
            // Reset or closed mid-answer: the process is there and talking, if badly; not a hang.
            return Answer.Answered;
        }
        catch (TaskCanceledException)
        {
            return Answer.Silent;
        }
    }

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
