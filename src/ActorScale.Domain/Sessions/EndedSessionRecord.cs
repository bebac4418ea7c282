using System.Text.Json;
using System.Text.Json.Serialization;
using ActorScale.Domain.Sessions;

namespace ActorScale.Domain.Sessions;

/// <summary>A session that ended early (logout, revoke-all, eviction, idle timeout).</summary>
public sealed class EndedSessionRecord
{
    public string Digest { get; set; } = "";

    /// <summary><see cref="TokenStatus.Revoked"/> or <see cref="TokenStatus.Expired"/>.</summary>
    public TokenStatus Reason { get; set; }

    /// <summary>The original absolute expiry; after it the record is pruned.</summary>
    public DateTimeOffset KeepUntil { get; set; }

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
