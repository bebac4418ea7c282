using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// The Redis ACL users, one per kind of process, each with its own password (<see cref="ClusterHome.RedisPasswordFile"/>):
/// their rights are written once, in <c>redis-users.conf</c> (embedded; compose reads the same file), and Redis receives
/// each password only as its SHA-256.
/// </summary>
public static partial class RedisUsers
{
    /// <summary>The silos: Orleans' membership table and the rejoin lock.</summary>
    public const string Silo = "silo";

    /// <summary>Clients finding gateways, and the launcher's readers of the membership: read-only.</summary>
    public const string Client = "client";

    /// <summary>The stateless baseline servers: their own keys.</summary>
    public const string Baseline = "baseline";

    /// <summary>The launcher itself: PING and INFO, no keys.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Silo, Client, Baseline, Admin];

    /// <summary>The template as shipped, placeholders and comments included.</summary>
    public static string Template { get; } = LoadTemplate();

    /// <summary>
    /// The template's <c>user</c> lines for one deployment: its service and cluster ids in the key patterns, each
    /// <c>#&lt;name&gt;</c> replaced by the SHA-256 of <paramref name="passwordOf"/>(name); a user with no password is
    /// left out (it does not exist, so nobody can log in as it).
    /// </summary>
    public static IReadOnlyList<string> Render(string serviceId, string clusterId, Func<string, string?> passwordOf)
    {
        var lines = new List<string>();
        foreach (var raw in Template.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = line.Replace("{ServiceId}", serviceId, StringComparison.Ordinal).Replace("{ClusterId}", clusterId, StringComparison.Ordinal);
            if (PasswordPlaceholder().Match(line) is { Success: true } placeholder)
            {
                if (passwordOf(placeholder.Groups[1].Value) is not { Length: > 0 } password)
                {
                    continue;
                }

                line = line.Replace(placeholder.Value, "#" + Hash(password), StringComparison.Ordinal);
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>What Redis stores for a password given as <c>#&lt;hash&gt;</c>: SHA-256, lower-case hex.</summary>
    public static string Hash(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    private static string LoadTemplate()
    {
        using var stream = typeof(RedisUsers).Assembly.GetManifestResourceStream("redis-users.conf")
            ?? throw new InvalidOperationException("redis-users.conf is not embedded in ActorScale.Lab");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("#<([a-z]+)>")]
    private static partial Regex PasswordPlaceholder();
}
