using System.Diagnostics;
using System.Globalization;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using ActorScale.Storage.Sharding;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>A silo with a bad setting fails at start with one line on stderr that names what to fix; no stack trace.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class StartupFailureTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task WrongRedisPassword_OneClearLine()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Cluster__RedisPasswordFile"] = "", ["ActorScale__Cluster__RedisPassword"] = "not-the-password" });

        AssertOneLine(exit, errors, all, "cannot use Redis");
    }

    [Fact]
    public async Task ClientsReadOnlyRedisUser_OneClearLineSayingWhatWasRefused()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Cluster__RedisUser"] = RedisUsers.Client, ["ActorScale__Cluster__RedisPasswordFile"] = cluster.Home.RedisPasswordFile(RedisUsers.Client) });

        AssertOneLine(exit, errors, all, "cannot use Redis");
        Assert.Contains("NOPERM", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisUserThatNeedsEscaping_OneLineNamingTheSetting()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Cluster__RedisUser"] = "silo,password=x" });

        AssertOneLine(exit, errors, all, "ActorScale:Cluster:RedisUser must be");
    }

    [Fact]
    public async Task PostgresDown_OneClearLine()
    {
        var closedPort = NativeProcess.FreeLoopbackPort();

        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Storage__PostgresConnectionString"] = PostgresServer.ConnectionString(closedPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole) });

        AssertOneLine(exit, errors, all, "cannot use PostgreSQL");
    }

    [Fact]
    public async Task SchemaMissing_OneLineSayingWhatToRun()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Storage__PostgresConnectionString"] = await EmptyDatabaseAsync() });

        AssertOneLine(exit, errors, all, "the PostgreSQL schema is missing: run `./actorscale db migrate`");
    }

    [Fact]
    public async Task ShardWithoutSchema_OneLineNamingTheShard()
    {
        var state = cluster.Refresh();
        var map = Path.Combine(cluster.Home.Root, $"startup-map-{Guid.NewGuid():N}.json");
        ShardMapFile.Write(map, new ShardMap(1, [PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole), await EmptyDatabaseAsync()], 2, 2, ReshardPhase.Stable));

        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Storage__ShardMapFile"] = map });

        AssertOneLine(exit, errors, all, "the PostgreSQL schema is missing on shard 1: run `./actorscale db migrate`");
    }

    /// <summary>A new database on the cluster's server that the application role may enter, without our schema; its connection string.</summary>
    private async Task<string> EmptyDatabaseAsync()
    {
        var state = cluster.Refresh();
        var database = "empty_" + Guid.NewGuid().ToString("N")[..8];
        await using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString(state.PostgresPort, File.ReadAllText(cluster.Home.PostgresAdminPasswordFile).Trim()));
        await admin.OpenAsync();
        foreach (var sql in new[] { $"CREATE DATABASE {database} OWNER {DatabaseRoles.DefaultOwnerRole}", $"GRANT CONNECT ON DATABASE {database} TO {DatabaseRoles.DefaultAppRole}" })
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }

        return PostgresServer.ConnectionString(state.PostgresPort, database, DatabaseRoles.DefaultAppRole);
    }

    [Fact]
    public async Task InvalidOption_OneLineNamingTheSetting()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Sessions__PasswordIterations"] = "5" });

        AssertOneLine(exit, errors, all, "PasswordIterations");
    }

    [Fact]
    public async Task MissingTokenKey_OneLineNamingTheKey()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Tokens__KeyFile"] = "" });

        AssertOneLine(exit, errors, all, "ActorScale:Tokens:Key (or KeyFile) is required");
    }

    [Fact]
    public async Task ShortTokenKey_OneLineNamingTheKey()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Tokens__KeyFile"] = "", ["ActorScale__Tokens__Key"] = "too-short" });

        AssertOneLine(exit, errors, all, "ActorScale:Tokens:Key must be at least 32 characters");
    }

    [Fact]
    public async Task NoTlsCertificate_WithRedisMembership_OneLineNamingTheSetting()
    {
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Cluster__Tls__CertificateFile"] = "", ["ActorScale__Cluster__Tls__KeyFile"] = "", ["ActorScale__Cluster__Tls__TrustFile"] = "" });

        AssertOneLine(exit, errors, all, "ActorScale:Cluster:Tls:CertificateFile is required");
    }

    [Fact]
    public async Task TlsKeyOfAnotherCertificate_OneLineNamingTheSetting()
    {
        var other = cluster.Home.Certificates.IssueSilo("startup-other");

        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Cluster__Tls__KeyFile"] = other.KeyFile! });

        AssertOneLine(exit, errors, all, "ActorScale:Cluster:Tls:CertificateFile / KeyFile: cannot load");
    }

    [Fact]
    public async Task HttpsPortWithoutTheClusterCertificate_OneLineNamingTheSettings()
    {
        // Plaintext Orleans ports (bench's comparison): no certificate for the HTTPS port either.
        var (exit, errors, all) = await RunSiloAsync(new()
        {
            ["ActorScale__Silo__HttpsPort"] = NativeProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["ActorScale__Cluster__Tls__Disabled"] = "true",
        });

        AssertOneLine(exit, errors, all, "ActorScale:Silo:HttpsPort needs this silo's certificate: set ActorScale:Cluster:Tls:CertificateFile");
    }

    [Fact]
    public async Task UnsafeFencingLease_RefusesToStartNamingTheInequality()
    {
        // A 5 s lease outlives the earliest death declaration (1.5 s with the shipped failure detection).
        var (exit, errors, all) = await RunSiloAsync(new() { ["ActorScale__Fencing__Lease"] = "00:00:05" });

        AssertOneLine(exit, errors, all, "unsafe fencing: lease 5000 ms");
    }

    private static void AssertOneLine(int exit, string errors, string all, string expected)
    {
        Assert.NotEqual(0, exit);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{errors}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
    }

    /// <summary>Runs one silo process like the launcher does, with some settings overridden; waits for it to exit.</summary>
    private async Task<(int Exit, string Errors, string All)> RunSiloAsync(Dictionary<string, string> overrides)
    {
        var state = cluster.Refresh();
        var tls = cluster.Home.Certificates.IssueSilo("startup-check");
        var start = new ProcessStartInfo(SiloBinary.Locate()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Cluster",
            ["ActorScale__Cluster__Redis"] = $"127.0.0.1:{state.RedisPort}",
            ["ActorScale__Cluster__RedisUser"] = RedisUsers.Silo,
            ["ActorScale__Cluster__RedisPasswordFile"] = cluster.Home.RedisPasswordFile(RedisUsers.Silo),
            // The cluster's own id: the silos' Redis user may touch only its table. Each case stops before the silo joins.
            ["ActorScale__Cluster__ClusterId"] = state.ClusterId,
            ["ActorScale__Silo__SiloPort"] = NativeProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["ActorScale__Silo__GatewayPort"] = NativeProcess.FreeLoopbackPort().ToString(CultureInfo.InvariantCulture),
            ["ActorScale__Storage__PostgresConnectionString"] = PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultAppRole),
            ["ActorScale__Storage__PostgresPasswordFile"] = cluster.Home.PostgresAppPasswordFile,
            ["ActorScale__Tokens__KeyFile"] = cluster.Home.TokenKeyFile,
            ["ActorScale__Cluster__Tls__CertificateFile"] = tls.CertificateFile!,
            ["ActorScale__Cluster__Tls__KeyFile"] = tls.KeyFile!,
            ["ActorScale__Cluster__Tls__TrustFile"] = tls.TrustFile!,
        };
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"the silo did not exit within 60 s with bad settings; stdout so far: {await output}");
        }

        return (process.ExitCode, await errors, await output + await errors);
    }
}
