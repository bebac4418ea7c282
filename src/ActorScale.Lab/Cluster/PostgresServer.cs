using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A private PostgreSQL: initdb on first use, then pg_ctl on a loopback port (TCP only). As root, the server runs as
/// the <c>postgres</c> OS user (initdb refuses root); if that user cannot reach the cluster folder (a home folder with
/// mode 0700, say), the data goes to a folder of its own under /var/tmp with an unpredictable name, created by us
/// (mode 0700, then given to <c>postgres</c>) and recorded in the home; a recorded folder is used again only while it is
/// still a folder, not a link, owned by <c>postgres</c> with mode 0700. (A predictable name would let any local user
/// create the folder first and own the server's configuration or its superuser password.)
/// </summary>
public static partial class PostgresServer
{
    public const string Superuser = "postgres";

    /// <summary>Each silo's pool (20) × the most silos a local cluster runs (8), plus room for tools.</summary>
    public const int MaxConnections = 200;

    public static async Task<string> PrepareDataDirAsync(ClusterHome home, string adminPassword, string logFile)
    {
        var dataDir = Path.Combine(home.PostgresRoot, "data");
        if (NativeProcess.IsRoot)
        {
            Directory.CreateDirectory(home.PostgresRoot);
            await RunAsync("chown", ["-R", "postgres:postgres", home.PostgresRoot], logFile);
            if (await RunAsync("runuser", ["-u", "postgres", "--", "test", "-w", home.PostgresRoot], logFile, throwOnError: false) != 0)
            {
                dataDir = Path.Combine(await OutsideFolderAsync(home, logFile), "data");
            }
        }

        await InitAsync(dataDir, adminPassword, logFile);
        return dataDir;
    }

    /// <summary>initdb of <paramref name="dataDir"/> (its parent folder usable by the <c>postgres</c> user), unless it holds a server already.</summary>
    private static async Task InitAsync(string dataDir, string adminPassword, string logFile)
    {
        if (File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            return;
        }

        var parent = Path.GetDirectoryName(dataDir)!;
        Directory.CreateDirectory(parent);
        var pwfile = Path.Combine(parent, "initdb.pw");
        ClusterHome.WritePrivate(pwfile, adminPassword);
        try
        {
            if (NativeProcess.IsRoot)
            {
                await RunAsync("chown", ["postgres:postgres", pwfile, parent], logFile);
            }

            await RunAsPostgresAsync("initdb", ["-D", dataDir, "-U", Superuser, "--pwfile", pwfile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"], logFile);
        }
        finally
        {
            File.Delete(pwfile);
        }
    }

    /// <summary>The folder under /var/tmp for a home the <c>postgres</c> user cannot enter: the recorded one, or a new one.</summary>
    private static async Task<string> OutsideFolderAsync(ClusterHome home, string logFile)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the postgres OS user exists on Linux only");
        }

        if (File.Exists(home.PostgresOutsideFile))
        {
            var recorded = File.ReadAllText(home.PostgresOutsideFile).Trim();
            var folder = new DirectoryInfo(recorded);
            if (!folder.Exists || folder.LinkTarget is not null || File.GetUnixFileMode(recorded) != Private
                || await RunAsync("runuser", ["-u", "postgres", "--", "test", "-O", recorded], logFile, throwOnError: false) != 0)
            {
                throw new UsageException($"PostgreSQL's folder {recorded} (recorded in {home.PostgresOutsideFile}) is no longer a folder owned by postgres with mode 0700: refusing to use it; remove it and that file to start afresh");
            }

            return recorded;
        }

        // 128 random bits: nobody can create it first. It is new and empty, so giving it to postgres changes nothing else.
        var root = Path.Combine("/var/tmp", $"actorscale-pg-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}");
        Directory.CreateDirectory(root, Private);
        await RunAsync("chown", ["postgres:postgres", root], logFile);
        ClusterHome.WritePrivate(home.PostgresOutsideFile, root);
        return root;
    }

    public static async Task<int> StartAsync(string dataDir, int port, string logFile)
    {
        var serverLog = Path.Combine(Path.GetDirectoryName(dataDir)!, "server.log");
        await RunAsPostgresAsync("pg_ctl", [
            "-D", dataDir, "-l", serverLog, "-w", "-t", "60",
            "-o", $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections={MaxConnections}{StatementStatsOption()}",
            "start"], logFile);
        return ReadPid(dataDir) ?? throw new InvalidOperationException($"PostgreSQL started but {dataDir}/postmaster.pid is missing");
    }

    /// <summary>
    /// Loads pg_stat_statements when the server's library folder has it (Debian's postgresql-15 does): <c>actorscale
    /// bench</c> counts each design's statements with it. A server without it still starts; bench then says n/a.
    /// </summary>
    private static string StatementStatsOption()
    {
        var pgCtl = AptPackage.FindOnPath("pg_ctl");
        var binary = pgCtl is null ? null : new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl;
        var library = binary is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(binary)!)!, "lib", "pg_stat_statements.so");
        return library is not null && File.Exists(library) ? " -c shared_preload_libraries=pg_stat_statements" : "";
    }

    public static int? ReadPid(string dataDir)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        try
        {
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The postmaster is recognised by its data folder on its command line: a recycled PID now used by a backend of
    /// another server (`postgres: user db ...`) must never be mistaken for it.
    /// </summary>
    public static bool IsRunning(ClusterState state) =>
        state.PostgresDataDir.Length > 0 && NativeProcess.IsRunning(state.PostgresPid, state.PostgresDataDir);

    /// <summary>Fast shutdown by PID (SIGINT), then SIGKILL if it lingers.</summary>
    public static Task StopAsync(ClusterState state) =>
        NativeProcess.StopAsync(state.PostgresPid, state.PostgresDataDir, NativeProcess.SigInt, TimeSpan.FromSeconds(30));

    public static string AdminConnectionString(int port, string password) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = Superuser, Password = password, Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;

    public static string ConnectionString(int port, string database, string user, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = user, Database = database, Timeout = 5 };
        if (password is not null)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }

    private static Task<int> RunAsPostgresAsync(string program, IEnumerable<string> arguments, string logFile) =>
        NativeProcess.IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], logFile)
            : RunAsync(program, arguments, logFile);

    private static async Task<int> RunAsync(string program, IEnumerable<string> arguments, string logFile, bool throwOnError = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await File.AppendAllTextAsync(logFile, $"$ {program} {string.Join(' ', start.ArgumentList)}\n{await output}{await errors}\n");
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}; see {logFile}");
        }

        return process.ExitCode;
    }
}
