using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Cuts one silo off from its peers on loopback while it keeps Redis, PostgreSQL, its gateway and its HTTP port, the way a
/// partial network partition does. Packets between its silo port and the other silos are dropped in both directions:
/// connections the peers opened to it (its silo port), connections it opened to them (found with <c>ss</c>, matched by
/// their ports), and new ones it would open (its process is moved into a cgroup of its own, matched by
/// <c>iptables -m cgroup</c>). Every rule carries a comment naming this cluster, so <see cref="RemoveLeftovers"/> finds
/// them after a crash; a detached watchdog also removes them at a deadline even if the run dies. Needs root.
/// </summary>
public sealed class NetworkPartition : IAsyncDisposable
{
    private readonly string _tag;
    private readonly int _pid;
    private readonly string _cgroup;
    private readonly int _watchdogPid;

    private NetworkPartition(string tag, int pid, string cgroup, int watchdogPid)
    {
        (_tag, _pid, _cgroup, _watchdogPid) = (tag, pid, cgroup, watchdogPid);
    }

    /// <summary>The iptables comment of every rule this cluster folder adds.</summary>
    public static string Tag(ClusterHome home) =>
        "actorscale-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(home.Root)))[..12].ToLowerInvariant();

    /// <summary>Whether this machine can cut a silo off: root, iptables and a cgroup v2 hierarchy.</summary>
    public static string? FindProblem() =>
        !NativeProcess.IsRoot ? "partitions need root (iptables)"
        : AptPackage.FindOnPath("iptables") is null ? "iptables is not installed (apt-get install -y iptables)"
        : CgroupV2Root() is null ? "no cgroup v2 hierarchy is mounted (needed to match the silo's new connections)"
        : null;

    /// <summary>Drops every packet between <paramref name="silo"/>'s silo port and its peers' until disposed or <paramref name="deadline"/>.</summary>
    public static async Task<NetworkPartition> CutAsync(ClusterHome home, SiloRecord silo, IEnumerable<SiloRecord> peers, TimeSpan deadline, string logFile)
    {
        await AptPackage.EnsureInstalledAsync("iptables", "iptables", logFile);
        var root = CgroupV2Root() ?? throw new InvalidOperationException(FindProblem());
        var tag = Tag(home);
        var cgroupName = $"{tag}-{silo.Name}";
        var cgroup = Path.Combine(root, cgroupName);
        Directory.CreateDirectory(cgroup);
        await File.WriteAllTextAsync(Path.Combine(cgroup, "cgroup.procs"), silo.Pid.ToString(CultureInfo.InvariantCulture));

        var peerPorts = peers.Select(p => p.SiloPort).ToList();
        var rules = new List<string[]>();

        // New connections of the silo to its peers first, then what already exists: nothing slips in between.
        rules.AddRange(peerPorts.Select(p => Rule("OUTPUT", "-m", "cgroup", "--path", cgroupName, "-p", "tcp", "--dport", Port(p))));
        rules.Add(Rule("INPUT", "-i", "lo", "-p", "tcp", "--dport", Port(silo.SiloPort)));
        rules.Add(Rule("OUTPUT", "-o", "lo", "-p", "tcp", "--sport", Port(silo.SiloPort)));
        foreach (var rule in rules)
        {
            await IptablesAsync("-I", rule, tag);
        }

        foreach (var (local, remote) in await OpenConnectionsAsync(silo.Pid, peerPorts))
        {
            await IptablesAsync("-I", Rule("OUTPUT", "-o", "lo", "-p", "tcp", "--sport", Port(local), "--dport", Port(remote)), tag);
            await IptablesAsync("-I", Rule("INPUT", "-i", "lo", "-p", "tcp", "--sport", Port(remote), "--dport", Port(local)), tag);
        }

        // The dead man's switch: removes this cluster's rules at the deadline even if this process is killed.
        var watchdog = NativeProcess.StartDetached("sh", ["-c", $"sleep {Math.Ceiling(deadline.TotalSeconds)}; {RemoveScript(tag)}"], new Dictionary<string, string>(), logFile);
        return new NetworkPartition(tag, silo.Pid, cgroup, watchdog);
    }

    /// <summary>Removes every rule of this cluster folder and its cgroups: after a run that crashed, and before a new one.</summary>
    public static async Task RemoveLeftovers(ClusterHome home)
    {
        if (!NativeProcess.IsRoot || AptPackage.FindOnPath("iptables") is null)
        {
            return;
        }

        var tag = Tag(home);
        await Cli.Wrap("sh").WithArguments(["-c", RemoveScript(tag)]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (CgroupV2Root() is { } root)
        {
            foreach (var folder in Directory.GetDirectories(root, tag + "-*"))
            {
                EmptyCgroup(folder, root);
            }
        }
    }

    /// <summary>Heals the partition: the rules go, the silo's process goes back to the root cgroup.</summary>
    public async ValueTask DisposeAsync()
    {
        await Cli.Wrap("sh").WithArguments(["-c", RemoveScript(_tag)]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        EmptyCgroup(_cgroup, Path.GetDirectoryName(_cgroup)!);
        if (NativeProcess.IsRunning(_watchdogPid, _tag))
        {
            NativeProcess.Signal(_watchdogPid, NativeProcess.SigKill);
        }
    }

    /// <summary>The silo process that was cut off (it may have stopped by itself meanwhile).</summary>
    public int Pid => _pid;

    private static void EmptyCgroup(string cgroup, string root)
    {
        try
        {
            foreach (var pid in File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs")).Where(l => l.Length > 0))
            {
                File.WriteAllText(Path.Combine(root, "cgroup.procs"), pid);
            }

            Directory.Delete(cgroup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process that exits while it is moved leaves the folder busy for a moment; the next cleanup removes it.
        }
    }

    // Lists this cluster's rules and deletes each one; `iptables -S` prints them as `-A CHAIN ...`.
    private static string RemoveScript(string tag) =>
        $"iptables -S | grep -- '--comment {tag}' | sed 's/^-A /-D /' | while read -r rule; do eval iptables \"$rule\"; done";

    private static string[] Rule(string chain, params string[] match) => [chain, .. match];

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task IptablesAsync(string verb, string[] rule, string tag)
    {
        var result = await Cli.Wrap("iptables").WithArguments([verb, .. rule, "-m", "comment", "--comment", tag, "-j", "DROP"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"iptables {verb} {string.Join(' ', rule)} failed: {result.StandardError.Trim()}");
        }
    }

    /// <summary>The silo's established connections to its peers' silo ports, as (local port, remote port).</summary>
    private static async Task<List<(int Local, int Remote)>> OpenConnectionsAsync(int pid, List<int> peerPorts)
    {
        var result = await Cli.Wrap("ss").WithArguments(["-tnpH", "state", "established"]).ExecuteBufferedAsync();
        var connections = new List<(int, int)>();
        foreach (var line in result.StandardOutput.Split('\n').Where(l => l.Contains($"pid={pid},", StringComparison.Ordinal)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var local = int.Parse(fields[2][(fields[2].LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var remote = int.Parse(fields[3][(fields[3].LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            if (peerPorts.Contains(remote))
            {
                connections.Add((local, remote));
            }
        }

        return connections;
    }

    private static string? CgroupV2Root() =>
        File.ReadLines("/proc/mounts").Select(l => l.Split(' ')).FirstOrDefault(f => f.Length > 2 && f[2] == "cgroup2")?[1] is { } mount
            ? mount
            : null;
}
