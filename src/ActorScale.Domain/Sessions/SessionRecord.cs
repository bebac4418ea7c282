using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Sessions;

/// <summary>A live session: the token's secret digest, never the secret.</summary>
public sealed class SessionRecord
{
    public string Digest { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
