using System.Runtime.InteropServices;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// Restarts the silo in place: the process replaces itself with a fresh copy of the same program (<c>execv</c>; every
/// socket and file is opened close-on-exec by .NET, so ports are free for the new copy), its PID stays the one the
/// local cluster (or a supervisor) recorded, and the new silo joins the membership as a new generation. Used when the
/// silo finds its own membership row gone (<see cref="MembershipRowWatch"/>), where a graceful Orleans stop would wait
/// a minute for a row it cannot update.
/// </summary>
public static partial class SelfRestart
{
    private static string[] _arguments = [];

    /// <summary>The command-line arguments the fresh copy gets (those this one got).</summary>
    public static void Remember(string[] arguments) => _arguments = arguments;

    /// <summary>Replaces this process; returns only when exec failed, with the reason.</summary>
    public static string Exec()
    {
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to exec");
        string?[] argv = [program, .. _arguments, null];
        execv(program, argv);
        return $"execv {program} failed: errno {Marshal.GetLastPInvokeError()}";
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int execv(string path, string?[] argv);
}
