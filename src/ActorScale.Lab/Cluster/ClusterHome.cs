using System.Security.Cryptography;
using System.Text.Json;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// The folder a local cluster owns (<c>$ACTORSCALE_HOME</c>, else <c>./.actorscale</c>; git-ignored): its recorded
/// PIDs and ports, generated secrets (mode 0600), logs, and the Redis and PostgreSQL data.
/// </summary>
public sealed class ClusterHome(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string StateFile => Path.Combine(Root, "cluster.json");

    public string SecretsDir => Path.Combine(Root, "secrets");

    public string LogsDir => Path.Combine(Root, "logs");

    public string RedisDir => Path.Combine(Root, "redis");

    public string PostgresRoot => Path.Combine(Root, "postgres");

    /// <summary>Where PostgreSQL's folder outside the home is recorded, when the server's OS user cannot enter the home (<see cref="PostgresServer"/>).</summary>
    public string PostgresOutsideFile => Path.Combine(Root, "postgres-outside");

    /// <summary>The grain storage's shard map, which every silo follows (<c>ActorScale:Storage:ShardMapFile</c>); beside it the silos' acknowledgements.</summary>
    public string ShardMapFile => Path.Combine(Root, "shards", "map.json");

    /// <summary>The password of one Redis ACL user (<see cref="RedisUsers"/>).</summary>
    public string RedisPasswordFile(string user) => Path.Combine(SecretsDir, $"redis-{user}.password");

    public string PostgresAdminPasswordFile => Path.Combine(SecretsDir, "postgres-admin.password");

    public string PostgresOwnerPasswordFile => Path.Combine(SecretsDir, "postgres-owner.password");

    public string PostgresAppPasswordFile => Path.Combine(SecretsDir, "postgres-app.password");

    public string PostgresBaselinePasswordFile => Path.Combine(SecretsDir, "postgres-baseline.password");

    public string PostgresReaderPasswordFile => Path.Combine(SecretsDir, "postgres-reader.password");

    /// <summary>The streaming replica's role on the primary (<see cref="PostgresServer.StartReplicaAsync"/>).</summary>
    public string PostgresReplicationPasswordFile => Path.Combine(SecretsDir, "postgres-replication.password");

    /// <summary>The cluster token key (<c>ActorScale:Tokens:KeyFile</c>): signs every session token the silos issue.</summary>
    public string TokenKeyFile => Path.Combine(SecretsDir, "token.key");

    /// <summary>
    /// The Orleans Dashboard's password (<c>ActorScale:Silo:DashboardPasswordFile</c>): user <c>operator</c> on every silo's
    /// management port, at <c>/dashboard/</c>.
    /// </summary>
    public string DashboardPasswordFile => Path.Combine(SecretsDir, "dashboard.password");

    /// <summary>Retired token keys that still verify (<c>ActorScale:Tokens:PreviousKeysFile</c>), one per line; absent when none.</summary>
    public string TokenPreviousKeysFile => Path.Combine(SecretsDir, "token-previous.keys");

    /// <summary>The cluster's certificate authority and the certificates of its silos and clients (mutual TLS on the Orleans ports).</summary>
    public ClusterCertificates Certificates
    {
        get
        {
            EnsureSecretsDir();
            return new(Path.Combine(SecretsDir, "tls"));
        }
    }

    public static ClusterHome FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("ACTORSCALE_HOME") is { Length: > 0 } home ? home : ".actorscale");

    public ClusterState? TryLoadState()
    {
        if (!File.Exists(StateFile))
        {
            return null;
        }

        return JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(StateFile), LabJson.Options);
    }

    /// <summary>How a client reaches the cluster recorded here (through its Redis membership); null when none is recorded.</summary>
    public ConnectionSettings? LocalConnection() =>
        TryLoadState() is { } state ? new(state.ClientSettings(this), [], $"the local cluster (Redis membership at 127.0.0.1:{state.RedisPort})") : null;

    public void SaveState(ClusterState state)
    {
        PrivateFile.Write(StateFile, JsonSerializer.Serialize(state, LabJson.Options));
    }

    public void DeleteState() => File.Delete(StateFile);

    /// <summary>Reads a generated secret, creating it (256 random bits, mode 0600) on first use.</summary>
    public string Secret(string file)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        EnsureSecretsDir();
        var value = NewSecret();
        WritePrivate(file, value);
        return value;
    }

    /// <summary>The path of a generated secret, created first (<see cref="Secret"/>): for a setting that names a file.</summary>
    public string SecretFile(string file)
    {
        Secret(file);
        return file;
    }

    /// <summary>The silos' token signer, as they build it from <see cref="TokenKeyFile"/> and <see cref="TokenPreviousKeysFile"/>.</summary>
    public TokenSigner TokenSigner() => new(Secret(TokenKeyFile), PreviousTokenKeys());

    /// <summary>The retired token keys still accepted, newest first.</summary>
    public IReadOnlyList<string> PreviousTokenKeys() => File.Exists(TokenPreviousKeysFile)
        ? [.. File.ReadAllLines(TokenPreviousKeysFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))]
        : [];

    /// <summary>
    /// Rotation, step 1 of 2: a new key that only verifies (a previous key), so that once the silos are rolled every one
    /// of them accepts tokens signed with it, before any silo signs with it.
    /// </summary>
    /// <returns>The new key, for <see cref="PromoteTokenKey"/>.</returns>
    public string StageTokenKey()
    {
        Secret(TokenKeyFile);
        var next = NewSecret();
        WritePrivate(TokenPreviousKeysFile, string.Join('\n', [next, .. PreviousTokenKeys()]));
        return next;
    }

    /// <summary>Rotation, step 2 of 2: the staged key signs; the old one moves to the previous keys (verify only).</summary>
    public void PromoteTokenKey(string next)
    {
        var old = Secret(TokenKeyFile);
        WritePrivate(TokenKeyFile, next);
        WritePrivate(TokenPreviousKeysFile, string.Join('\n', [old, .. PreviousTokenKeys().Where(k => k != next && k != old)]));
    }

    /// <summary>Forgets the previous keys: the tokens they signed are refused once the silos are rolled.</summary>
    /// <returns>How many keys were dropped.</returns>
    public int DropPreviousTokenKeys()
    {
        var dropped = PreviousTokenKeys().Count;
        File.Delete(TokenPreviousKeysFile);
        return dropped;
    }

    private void EnsureSecretsDir()
    {
        Directory.CreateDirectory(SecretsDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SecretsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    /// <summary>Writes a secret or config file whole, mode 0600 (<see cref="PrivateFile"/>).</summary>
    public static void WritePrivate(string path, string content) => PrivateFile.Write(path, content);
}
