using System.Globalization;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A memory limit for one silo, set the way a container runtime sets it: a memory cgroup of its own (v2
/// <c>memory.max</c>, or v1 <c>memory.limit_in_bytes</c> on a hybrid hierarchy) that the silo's process enters before
/// .NET starts. So the runtime sees the limit (the GC heap limit, and through it Orleans' memory-pressure shedding) and
/// the kernel enforces it: an OOM kill is counted in the cgroup, where <see cref="OomKills"/> reads it.
/// </summary>
public sealed class MemoryCgroup
{
    private const string Root = "/sys/fs/cgroup";

    private MemoryCgroup(string path, bool v2) => (Folder, _v2) = (path, v2);

    private readonly bool _v2;

    public string Folder { get; }

    /// <summary>The file a process writes its PID to, to enter the cgroup.</summary>
    public string ProcsFile => Path.Combine(Folder, "cgroup.procs");

    /// <summary>Null when silos can be given a memory limit here, else why not.</summary>
    public static string? FindProblem() =>
        !NativeProcess.IsRoot ? "a silo memory limit needs root (it creates a memory cgroup)"
        : Parent() is null ? $"no writable memory cgroup controller under {Root}"
        : null;

    /// <summary>The cgroup of <paramref name="silo"/> in this cluster folder, created with the limit (swap included).</summary>
    public static MemoryCgroup Create(ClusterHome home, string silo, long limitBytes)
    {
        var (parent, v2) = Parent() ?? throw new InvalidOperationException(FindProblem());
        var group = new MemoryCgroup(Path.Combine(parent, $"{NetworkPartition.Tag(home)}-{silo}-memory"), v2);
        Directory.CreateDirectory(group.Folder);
        var limit = limitBytes.ToString(CultureInfo.InvariantCulture);
        if (v2)
        {
            File.WriteAllText(Path.Combine(group.Folder, "memory.max"), limit);
            TryWrite(Path.Combine(group.Folder, "memory.swap.max"), "0");
        }
        else
        {
            File.WriteAllText(Path.Combine(group.Folder, "memory.limit_in_bytes"), limit);
            TryWrite(Path.Combine(group.Folder, "memory.memsw.limit_in_bytes"), limit);
        }

        return group;
    }

    /// <summary>The cgroup of <paramref name="silo"/> if it exists.</summary>
    public static MemoryCgroup? Find(ClusterHome home, string silo) =>
        Parent() is var (parent, v2) && Path.Combine(parent, $"{NetworkPartition.Tag(home)}-{silo}-memory") is var folder && Directory.Exists(folder)
            ? new MemoryCgroup(folder, v2)
            : null;

    /// <summary>How many processes the kernel killed in this cgroup for want of memory.</summary>
    public long OomKills() => ReadCounter(_v2 ? "memory.events" : "memory.oom_control", "oom_kill");

    /// <summary>The memory the cgroup is charged with now (resident memory and page cache).</summary>
    public long UsageBytes() => long.Parse(File.ReadAllText(Path.Combine(Folder, _v2 ? "memory.current" : "memory.usage_in_bytes")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Removes this cluster folder's memory cgroups whose processes are gone (at <c>cluster down</c>).</summary>
    public static void RemoveAll(ClusterHome home)
    {
        if (!NativeProcess.IsRoot || Parent() is not var (parent, _))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(parent, NetworkPartition.Tag(home) + "-*-memory"))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // Still holds a process: it stays until the next `cluster down`.
            }
        }
    }

    /// <summary>Parses "size" as bytes: a number with an optional K, M or G suffix (powers of 1024).</summary>
    public static long? ParseSize(string text)
    {
        var trimmed = text.Trim().ToUpperInvariant().TrimEnd('B', 'I');
        var (digits, factor) = trimmed.Length == 0 ? (trimmed, 1L) : trimmed[^1] switch
        {
            'K' => (trimmed[..^1], 1L << 10),
            'M' => (trimmed[..^1], 1L << 20),
            'G' => (trimmed[..^1], 1L << 30),
            _ => (trimmed, 1L),
        };
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= long.MaxValue / factor
            ? value * factor
            : null;
    }

    // v2: the root of the unified hierarchy, with the memory controller enabled for its children. v1: our own memory
    // cgroup (on a hybrid hierarchy a container's may be nested), whose children we may create.
    private static (string Parent, bool V2)? Parent()
    {
        if (File.Exists(Path.Combine(Root, "cgroup.controllers")))
        {
            if (!File.ReadAllText(Path.Combine(Root, "cgroup.controllers")).Split(' ', '\n').Contains("memory"))
            {
                return null;
            }

            TryWrite(Path.Combine(Root, "cgroup.subtree_control"), "+memory");
            return (Root, true);
        }

        var own = File.Exists("/proc/self/cgroup")
            ? File.ReadLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains("memory"))
            : null;
        var folder = own is null ? null : Path.Join(Root, "memory", own[2]);
        return folder is not null && File.Exists(Path.Combine(folder, "memory.limit_in_bytes")) ? (folder, false) : null;
    }

    private long ReadCounter(string file, string name) =>
        File.ReadLines(Path.Combine(Folder, file)).Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static void TryWrite(string file, string text)
    {
        try
        {
            File.WriteAllText(file, text);
        }
        catch (IOException)
        {
            // Not offered by this kernel (no swap accounting), or already so.
        }
    }
}
