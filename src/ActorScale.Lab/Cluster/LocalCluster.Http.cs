namespace ActorScale.Lab.Cluster;

/// <summary>The HTTP side of the local cluster: each silo's API address and the optional nginx load balancer in front.</summary>
public sealed partial class LocalCluster
{
    public static string HttpAddress(int port) => $"http://127.0.0.1:{port}";

    /// <summary>Starts nginx over every silo's HTTP port, each user routed to one silo (<c>cluster up --lb</c>), and records its PID.</summary>
    public async Task<ClusterState> StartLoadBalancerAsync(ClusterState state)
    {
        await output.StepAsync("nginx installed", () => NginxServer.EnsureInstalledAsync(SetupLog));
        var port = NativeProcess.FreeLoopbackPort();
        var pid = await output.StepAsync($"nginx load balancer on 127.0.0.1:{port}", () => NginxServer.StartAsync(home, port, HttpPorts(state)));
        var next = state with { LbPort = port, LbPid = pid };
        home.SaveState(next);
        return next;
    }

    /// <summary>
    /// The running load balancer learns the silos: every one after <c>cluster add</c> or a restart, every one but
    /// <paramref name="without"/> before that silo stops (nginx's old workers finish the requests they hold).
    /// </summary>
    private async Task<ClusterState> ReloadLoadBalancerAsync(ClusterState state, string? without = null)
    {
        if (NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            var ports = HttpPorts(state, without);
            if (ports.Count > 0)
            {
                await output.StepAsync(without is null ? "nginx reloaded with every silo" : $"nginx reloaded without {without}", () => NginxServer.ReloadAsync(home, state.LbPort, state.LbPid, ports));
            }
        }

        return state;
    }

    private async Task StopLoadBalancerAsync(ClusterState state)
    {
        if (NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            await output.StepAsync("nginx stopped", () => NativeProcess.StopAsync(state.LbPid, NginxServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10)));
        }
    }

    private static List<int> HttpPorts(ClusterState state, string? without = null) =>
        [.. state.Silos.Where(s => s.HttpPort > 0 && s.Name != without).Select(s => s.HttpPort)];
}
