using System.Globalization;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// What an orchestrator's endpoints controller does, for the local cluster's nginx: a process of its own
/// (<c>actorscale cluster lb-watch</c>, started with the balancer) that every half second compares the silos nginx sends
/// requests to with the silos that can serve them (process running, <c>Active</c> in the Redis membership, not taken out
/// by the launcher for a drain) and reloads nginx when they differ. So a silo that hangs (SIGSTOP, a stalled machine)
/// leaves the balancer as soon as its peers declare it dead, not when it wakes up: nginx alone cannot tell a hung silo
/// from a slow one, and its users' requests would keep waiting on it.
/// </summary>
public static class BalancerWatch
{
    public const string Command = "lb-watch";

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs until cancelled or until the balancer is gone; one log line per change.</summary>
    public static async Task RunAsync(ClusterHome home, Action<string> log, CancellationToken cancellationToken)
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
                var upstream = NginxServer.UpstreamPorts(home);
                if (Differs(upstream, await ServingAsync(home, state, upstream)))
                {
                    await NginxServer.WithReloadLockAsync(home, async () =>
                    {
                        // Again under the lock: the launcher may have taken a silo out (a drain) meanwhile.
                        var now = home.TryLoadState() ?? state;
                        var current = NginxServer.UpstreamPorts(home);
                        var serving = await ServingAsync(home, now, current);
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

    /// <summary>
    /// The HTTP ports of the silos that can serve: running, Active in the membership, not taken out by the launcher, and,
    /// for a silo not in <paramref name="upstream"/> yet, ready. Never none: with no silo serving (Redis unreachable,
    /// every silo starting) the balancer keeps them all.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ServingAsync(ClusterHome home, ClusterState state, IReadOnlyList<int> upstream)
    {
        var members = await RedisMembership.ReadAsync(state.ClientSettings(home).RedisConnectionString(), state.ServiceId, state.ClusterId);
        var candidates = state.Silos.Where(s => s.HttpPort > 0 && !state.LbExcluded.Contains(s.Name)).ToList();
        var serving = new List<int>();
        foreach (var silo in candidates.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)
            && members.Any(m => m.Status == "Active" && m.SiloAddress.StartsWith(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{s.SiloPort}@"), StringComparison.Ordinal))))
        {
            if (upstream.Contains(silo.HttpPort) || await ReadyAsync(silo.HttpPort))
            {
                serving.Add(silo.HttpPort);
            }
        }

        return serving.Count > 0 ? serving : [.. candidates.Select(s => s.HttpPort)];
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
