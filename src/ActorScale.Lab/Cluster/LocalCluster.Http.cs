namespace ActorScale.Lab.Cluster;

/// <summary>The HTTP side of the local cluster: each silo's API address and the optional nginx load balancer in front.</summary>
public sealed partial class LocalCluster
{
    /// <summary>The balancer's certificate name under <see cref="ClusterCertificates.Folder"/>.</summary>
    public const string BalancerName = "balancer";

    /// <summary>A silo's own HTTP port (plain HTTP on loopback, behind the balancer).</summary>
    public static string HttpAddress(int port) => $"http://127.0.0.1:{port}";

    /// <summary>The load balancer's address: HTTPS, with a certificate of the cluster's authority.</summary>
    public static string BalancerAddress(int port) => $"https://127.0.0.1:{port}";

    /// <summary>
    /// Starts nginx over every silo's HTTP port, each user routed to one silo (<c>cluster up --lb</c>), and the
    /// <see cref="BalancerWatch"/> that keeps its silo list to the silos that can serve; records both PIDs.
    /// </summary>
    /// <param name="state">The running cluster.</param>
    /// <param name="plainHttp">Plain HTTP instead of HTTPS: only for bench's measure of what TLS at the edge costs.</param>
    public async Task<ClusterState> StartLoadBalancerAsync(ClusterState state, bool plainHttp = false)
    {
        await output.StepAsync("nginx installed", () => NginxServer.EnsureInstalledAsync(SetupLog));
        var port = NativeProcess.FreeLoopbackPort();
        var tls = plainHttp ? null : BalancerTls.Issue(home, BalancerName, NativeProcess.FreeLoopbackPort());
        var pid = await output.StepAsync(
            tls is null ? $"nginx load balancer on http://127.0.0.1:{port} (plain HTTP)" : $"nginx load balancer on https://127.0.0.1:{port} (http://127.0.0.1:{tls.RedirectPort} redirects)",
            () => NginxServer.StartAsync(home, port, HttpPorts(state), tls));
        var next = Update(current => current with { LbPort = port, LbPid = pid, LbHttpPort = tls?.RedirectPort ?? 0 }, state);
        var watch = NativeProcess.StartDetached(
            SiloBinary.LocateProgram(ClientProject, ClientProgram, "ACTORSCALE_CLIENT"),
            ["cluster", BalancerWatch.Command],
            new Dictionary<string, string> { ["ACTORSCALE_HOME"] = Path.GetFullPath(home.Root) },
            Path.Combine(home.LogsDir, "lb-watch.log"));
        output.Say($"[grey]·[/] balancer watch started: pid {watch} (nginx follows the membership)");
        return Update(current => current with { LbWatchPid = watch }, next);
    }

    private const string ClientProject = "ActorScale.Client";

    private const string ClientProgram = "actorscale";

    /// <summary>
    /// The running load balancer learns the silos after <c>cluster add</c> or a restart on new ports; nothing happens
    /// when its list is already right (a silo restarted on its own ports). A reload is avoided where it can be: nginx's old
    /// workers close their clients' idle keep-alive connections, and a request sent on one at that moment fails (measured:
    /// 2 (1–2) failed requests in 15 reloads under chaos's load, none without reloads; README, Elastic scale).
    /// </summary>
    private async Task<ClusterState> ReloadLoadBalancerAsync(ClusterState state)
    {
        var ports = HttpPorts(state);
        if (NativeProcess.IsRunning(state.LbPid, NginxServer.Program) && ports.Count > 0 && !ports.Order().SequenceEqual(NginxServer.UpstreamPorts(home).Order()))
        {
            await output.StepAsync("nginx reloaded with every silo", () => NginxServer.ReloadAsync(home, state.LbPort, state.LbPid, ports, Tls(state)));
        }

        return state;
    }

    private async Task StopLoadBalancerAsync(ClusterState state)
    {
        if (NativeProcess.IsRunning(state.LbWatchPid, BalancerWatch.Command))
        {
            await NativeProcess.StopAsync(state.LbWatchPid, BalancerWatch.Command, NativeProcess.SigTerm, TimeSpan.FromSeconds(5));
        }

        if (NativeProcess.IsRunning(state.LbPid, NginxServer.Program))
        {
            await output.StepAsync("nginx stopped", () => NativeProcess.StopAsync(state.LbPid, NginxServer.Program, NativeProcess.SigTerm, TimeSpan.FromSeconds(10)));
        }
    }

    /// <summary>The running balancer's HTTPS settings, for a reload (null: it speaks plain HTTP).</summary>
    public BalancerTls? Tls(ClusterState state) => state.LbHttpPort > 0 ? BalancerTls.Existing(home, BalancerName, state.LbHttpPort) : null;

    private static List<int> HttpPorts(ClusterState state) => [.. state.Silos.Where(s => s.HttpPort > 0).Select(s => s.HttpPort)];
}
