using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Long-lived child processes: started in a session of their own (<c>setsid</c>) with output appended to a log file,
/// so they outlive the command that started them; addressed only by PID, and a PID is trusted only while
/// <c>/proc/PID/cmdline</c> still names the program we started (a recycled PID is never signalled).
/// </summary>
public static partial class NativeProcess
{
    public const int SigHup = 1;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigInt = 2;
    public const int SigStop = 19;
    public const int SigCont = 18;

    /// <summary>
    /// Starts <paramref name="program"/> detached; returns its PID (the program's own, not a wrapper's). With
    /// <paramref name="cgroupProcsFile"/>, the process enters that cgroup before the program starts.
    /// </summary>
    public static int StartDetached(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, string? cgroupProcsFile = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };

        // setsid execs the shell, which execs the program: one PID all the way down.
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add((cgroupProcsFile is null ? "" : "echo $$ >\"$ACTORSCALE_CGROUP_PROCS\" || exit 97; ") + "exec \"$@\" >>\"$ACTORSCALE_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ACTORSCALE_LOG"] = logFile;
        if (cgroupProcsFile is not null)
        {
            start.Environment["ACTORSCALE_CGROUP_PROCS"] = cgroupProcsFile;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");

        // Until setsid has exec'd, /proc/PID/cmdline is still ours: wait for it to name the program, so that a
        // caller never mistakes a process that is starting for one that is gone.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!IsRunning(process.Id, program) && !process.HasExited && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        return process.Id;
    }

    /// <summary>True while the PID runs (not a zombie) and its command line mentions <paramref name="expected"/>.</summary>
    public static bool IsRunning(int pid, string expected)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
            if (state is 'Z' or 'X')
            {
                return false;
            }

            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains(expected, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the PID is confirmed gone: two checks 100 ms apart, because /proc/PID/cmdline reads empty for an
    /// instant while a process execs (setsid → sh → the program) and while redis-server rewrites its process title.
    /// </summary>
    public static async Task<bool> IsGoneAsync(int pid, string expected)
    {
        if (IsRunning(pid, expected))
        {
            return false;
        }

        await Task.Delay(100);
        return !IsRunning(pid, expected);
    }

    public static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != 3)
            {
                throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {errno}");
            }
        }
    }

    /// <summary>Waits until the PID is confirmed gone (<see cref="IsGoneAsync"/>); false if it still runs at the deadline.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsGoneAsync(pid, expected))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Asks politely, then kills: <paramref name="signal"/>, wait, SIGKILL.</summary>
    public static async Task StopAsync(int pid, string expected, int signal, TimeSpan grace)
    {
        if (!IsRunning(pid, expected))
        {
            return;
        }

        Signal(pid, signal);
        if (!await WaitForExitAsync(pid, expected, grace))
        {
            Signal(pid, SigKill);
            await WaitForExitAsync(pid, expected, TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>A TCP port free on the loopback right now (the OS picks it).</summary>
    /// <summary>The PIDs whose parent is <paramref name="pid"/> (from /proc).</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var child))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], out var parent) && parent == pid)
                {
                    children.Add(child);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return children;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsRoot => Environment.UserName == "root" || geteuid() == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern uint geteuid();
}
