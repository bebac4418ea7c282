using System.Text.RegularExpressions;

namespace ActorScale.ComposeTests;

/// <summary>Passwords: required, never written in the file, read from git-ignored secret files or the user's environment.</summary>
public sealed partial class SecretsTests
{
    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Fact]
    public void Redis_Command_RequiresPasswordFromSecretOrEnvironment()
    {
        var redis = Compose.Service("redis");
        Assert.Matches(RequirePassPattern(), string.Join(' ', redis.Command));
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
    public void MakeSecretsScript_SecretFiles_AreAllWritten()
    {
        var script = File.ReadAllText(RepoRoot.Combine("docker/make-secrets.sh"));
        var missing = Compose.SecretFiles.Values
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Where(name => !Regex.IsMatch(script, $@"\b{Regex.Escape(name)}\b"));
        Assert.Empty(missing);
    }

    [GeneratedRegex(@"--requirepass ""?(\$\$\(cat /run/secrets/\w+\)|\$\{\w+)")]
    private static partial Regex RequirePassPattern();

    [GeneratedRegex(@"^\$\{\w+(:?[?-][^}]*)?\}$")]
    private static partial Regex InterpolationPattern();
}
