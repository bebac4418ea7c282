using System.Text.RegularExpressions;

namespace ActorScale.ComposeTests;

/// <summary>
/// Passwords: required, never written in the file, read from git-ignored secret files or the user's environment; Redis
/// has one ACL user per kind of client, each with its own secret.
/// </summary>
public sealed partial class SecretsTests
{
    private const string RedisStartScript = "/etc/actorscale/redis-start.sh";

    /// <summary>The Redis users of the local launcher, which compose's Redis gets too.</summary>
    private const string RedisUsersFile = "src/ActorScale.Lab/Cluster/redis-users.conf";

    private static readonly ComposeFile Compose = ComposeFile.Repository;

    /// <summary>The services of the silo and console images, which run as uid/gid 10001.</summary>
    private static readonly string[] NonRootServices = ["silo1", "silo2", "silo3", "client", "migrate"];

    [Fact]
    public void Redis_Users_WrittenFromTheLaunchersDefinition_NoPasswordOnItsCommandLine()
    {
        var redis = Compose.Service("redis");

        Assert.Equal(["sh", RedisStartScript], redis.Command);
        Assert.Contains($"./docker/redis-start.sh:{RedisStartScript}:ro", redis.Volumes);
        Assert.Contains($"./{RedisUsersFile}:/etc/actorscale/redis-users.conf:ro", redis.Volumes);
        var users = File.ReadAllLines(RepoRoot.Combine(RedisUsersFile));
        Assert.Contains("user default off resetpass resetkeys resetchannels -@all", users);
        Assert.DoesNotContain(users.Concat(File.ReadAllLines(RepoRoot.Combine("docker/redis-start.sh"))), line => line.Contains("requirepass", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'));
    }

    [Fact]
    public void Redis_MountsASecretForEachOfItsUsers_AndOnlyThose()
    {
        var template = File.ReadAllText(RepoRoot.Combine(RedisUsersFile));
        var secrets = Compose.Service("redis").Secrets.Where(secret => !secret.Contains("_tls_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.Matches(RedisUserSecretPattern(), secret));
        Assert.All(secrets, secret => Assert.Contains($"#<{RedisUserSecretPattern().Match(secret).Groups[1].Value}>", template, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo1", "silo")]
    [InlineData("silo2", "silo")]
    [InlineData("silo3", "silo")]
    [InlineData("client", "client")]
    public void RedisClient_LogsInAsItsOwnUser_WithThatUsersSecretOnly(string service, string user)
    {
        var definition = Compose.Service(service);

        Assert.Equal(user, definition.Environment.GetValueOrDefault("ActorScale__Cluster__RedisUser"));
        Assert.Equal($"{ComposeFile.SecretsMount}redis_{user}_password", definition.Environment.GetValueOrDefault("ActorScale__Cluster__RedisPasswordFile"));
        Assert.Equal([$"redis_{user}_password"], definition.Secrets.Where(secret => RedisUserSecretPattern().IsMatch(secret)));
    }

    [Fact]
    public void Passwords_EveryValue_IsInterpolationOrMountedSecretFile()
    {
        var problems = new List<string>();
        foreach (var service in Compose.Services)
        {
            foreach (var (key, value) in service.Environment.Where(pair => pair.Key.Contains("password", StringComparison.OrdinalIgnoreCase)))
            {
                if (key.EndsWith("file", StringComparison.OrdinalIgnoreCase))
                {
                    var secret = value.StartsWith(ComposeFile.SecretsMount, StringComparison.Ordinal) ? value[ComposeFile.SecretsMount.Length..] : null;
                    if (secret is null || !service.Secrets.Contains(secret) || !Compose.SecretFiles.ContainsKey(secret))
                    {
                        problems.Add($"{service.Name}: {key}={value} is not a secret that the service mounts");
                    }
                }
                else if (!InterpolationPattern().IsMatch(value))
                {
                    // The value itself stays out of the message: it may be a real password.
                    problems.Add($"{service.Name}: {key} is a literal, not ${{VARIABLE:?message}}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void SecretFiles_AllOfThem_LieInTheGitIgnoredSecretsFolder()
    {
        // Or in the folder ACTORSCALE_SECRETS_DIR names (the compose test's temporary one), never in the repository elsewhere.
        Assert.NotEmpty(Compose.SecretFiles);
        Assert.All(Compose.SecretFiles.Values, file => Assert.StartsWith("${ACTORSCALE_SECRETS_DIR:-./docker/secrets}/", file, StringComparison.Ordinal));
        Assert.Contains("secrets/", File.ReadAllLines(RepoRoot.Combine("docker/.gitignore")).Select(line => line.Trim()));
    }

    [Fact]
    public void LoadBalancer_ServesHttpsWithItsOwnCertificate_PlainPortOnlyRedirects()
    {
        var lb = Compose.Service("lb");
        var nginx = File.ReadAllText(RepoRoot.Combine("docker/nginx.conf"));

        Assert.Equal(["lb_tls_cert", "lb_tls_key", "cluster_tls_trust"], lb.Secrets);
        Assert.Contains("listen 8443 ssl;", nginx, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate /run/secrets/lb_tls_cert;", nginx, StringComparison.Ordinal);
        Assert.Contains("ssl_certificate_key /run/secrets/lb_tls_key;", nginx, StringComparison.Ordinal);
        Assert.Contains("add_header Strict-Transport-Security \"max-age=31536000\" always;", nginx, StringComparison.Ordinal);
        Assert.Contains("location / { return 301 https://$host:8443$request_uri; }", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void MakeSecretsScript_WritesEverySecretFileComposeMounts_ReadableByItsServicesOnly()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"actorscale-secrets-{Guid.NewGuid():N}");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", [RepoRoot.Combine("docker/make-secrets.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ACTORSCALE_SECRETS_DIR"] = folder;
            using var script = System.Diagnostics.Process.Start(start)!;
            var errors = script.StandardError.ReadToEnd();
            script.StandardOutput.ReadToEnd();
            Assert.True(script.WaitForExit(60_000) && script.ExitCode == 0, $"make-secrets.sh: {errors}");

            string HostFile(string secret) => Compose.SecretFiles[secret].Replace("${ACTORSCALE_SECRETS_DIR:-./docker/secrets}", folder, StringComparison.Ordinal);
            Assert.All(Compose.SecretFiles.Keys, secret => Assert.True(File.Exists(HostFile(secret)), $"{HostFile(secret)} is mounted by compose but not written by make-secrets.sh"));

            // The silo and console images run as uid/gid 10001: what they mount is group 10001, 0640; the rest 0600.
            var nonRoot = NonRootServices.SelectMany(service => Compose.Service(service).Secrets).ToHashSet();
            foreach (var secret in Compose.SecretFiles.Keys)
            {
                var (mode, group) = Stat(HostFile(secret));
                Assert.True(
                    nonRoot.Contains(secret) ? mode == "640" && group == "10001" : mode == "600",
                    $"{secret}: mode {mode}, group {group}");
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (string Mode, string Group) Stat(string file)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%a %g", file]) { RedirectStandardOutput = true };
        using var stat = System.Diagnostics.Process.Start(start)!;
        var fields = stat.StandardOutput.ReadToEnd().Trim().Split(' ');
        stat.WaitForExit();
        return (fields[0], fields[1]);
    }

    [GeneratedRegex("^redis_([a-z]+)_password$")]
    private static partial Regex RedisUserSecretPattern();

    [GeneratedRegex(@"^\$\{\w+(:?[?-][^}]*)?\}$")]
    private static partial Regex InterpolationPattern();
}
