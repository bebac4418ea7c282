using System.Text.Json;

namespace ActorScale.ComposeTests.Running;

/// <summary>One silo's row in the Redis membership table, read with redis-cli (over TLS) inside the project's Redis container.</summary>
internal sealed record MembershipRow(string Name, string Address, int Status)
{
    public const int Active = 3;
    public const int Dead = 6;

    /// <summary>Every row of the table <c>{ServiceId}/members/{ClusterId}</c> of the silos' environment.</summary>
    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(ComposeProject project, string key)
    {
        // As the read-only client user; its password goes from the mounted secret to redis-cli's environment, never onto a command line.
        var result = (await project.ExecAsync(
            "redis", "sh", "-c", """REDISCLI_AUTH="$(cat /run/secrets/redis_client_password)" exec redis-cli --tls --cacert /run/secrets/cluster_tls_trust --no-auth-warning --user client --raw HGETALL "$0" """, key))
            .EnsureSuccess();
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Chunk(2)
            .Where(pair => pair.Length == 2 && pair[0] != "Version")
            .Select(pair => Parse(pair[1]))
            .ToList();
    }

    public override string ToString() => $"{Name} {Address} {(Status switch { Active => "Active", Dead => "Dead", _ => $"status {Status}" })}";

    private static MembershipRow Parse(string json)
    {
        using var row = JsonDocument.Parse(json);
        var root = row.RootElement;
        return new MembershipRow(
            root.GetProperty("SiloName").GetString() ?? "",
            root.GetProperty("SiloAddress").GetProperty("SiloAddress").GetString() ?? "",
            root.GetProperty(nameof(Status)).GetInt32());
    }
}
