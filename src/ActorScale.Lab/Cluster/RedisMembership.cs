using System.Text.Json;
using ActorScale.Hosting;
using StackExchange.Redis;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Reads the membership table that Orleans keeps in Redis: one hash <c>{ServiceId}/members/{ClusterId}</c> with a
/// <c>Version</c> field and one JSON field per silo. Read-only (HGETALL, which the read-only client user may run); Orleans
/// owns the table.
/// </summary>
public static class RedisMembership
{
    private static readonly string[] StatusNames = ["None", "Created", "Joining", "Active", "ShuttingDown", "Stopping", "Dead"];

    public static async Task<IReadOnlyList<MembershipEntry>> ReadAsync(ConfigurationOptions connection, string serviceId, string clusterId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
        return await ReadAsync(redis.GetDatabase(), serviceId, clusterId);
    }

    /// <summary><see cref="ReadAsync(ConfigurationOptions, string, string)"/> on a connection the caller keeps (a process that reads the table often).</summary>
    public static async Task<IReadOnlyList<MembershipEntry>> ReadAsync(IDatabase redis, string serviceId, string clusterId)
    {
        var fields = await redis.HashGetAllAsync(ClusterSettings.MembershipKeyOf(serviceId, clusterId));
        var entries = new List<MembershipEntry>();
        foreach (var field in fields)
        {
            if (field.Name == "Version" || !field.Value.HasValue)
            {
                continue;
            }

            using var document = JsonDocument.Parse(field.Value.ToString());
            var root = document.RootElement;
            entries.Add(new MembershipEntry(
                Text(root, "SiloName") ?? "?",
                Address(root) ?? field.Name.ToString(),
                Status(root),
                Time(root, "StartTime"),
                Time(root, "IAmAliveTime"),
                root.TryGetProperty("SuspectTimes", out var votes) && votes.ValueKind == JsonValueKind.Array ? votes.GetArrayLength() : 0,
                root.TryGetProperty("ProxyPort", out var gateway) && gateway.TryGetInt32(out var port) ? port : 0));
        }

        return entries;
    }

    private static string Status(JsonElement root)
    {
        if (!root.TryGetProperty("Status", out var status))
        {
            return "?";
        }

        return status.ValueKind == JsonValueKind.Number && status.GetInt32() is var n && n >= 0 && n < StatusNames.Length
            ? StatusNames[n]
            : status.ToString();
    }

    /// <summary>The address is written as <c>{"SiloAddress":"127.0.0.1:11111@154816852"}</c>.</summary>
    private static string? Address(JsonElement root) =>
        root.TryGetProperty("SiloAddress", out var value)
            ? value.ValueKind == JsonValueKind.Object && value.TryGetProperty("SiloAddress", out var inner) ? inner.ToString() : value.ToString()
            : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ToString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;
}
