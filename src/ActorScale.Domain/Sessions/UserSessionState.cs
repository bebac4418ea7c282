using System.Text.Json;
using System.Text.Json.Serialization;
using ActorScale.Domain.Operations;

namespace ActorScale.Domain.Sessions;

/// <summary>The persisted account and sessions of one user (grain state <c>user-session</c>; the stateless baseline keeps the same rules in its own tables).</summary>
public sealed class UserSessionState : IVersioned, IJsonOnDeserialized
{
    /// <summary>PBKDF2 hash; null until registered.</summary>
    public string? PasswordHash { get; set; }

    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>No longer used (failed logins are throttled per address in memory); kept so state written by older versions reads back.</summary>
    public int FailedLogins { get; set; }

    /// <summary>No longer used (there is no lockout); kept so state written by older versions reads back.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Live sessions, oldest first.</summary>
    public List<SessionRecord> Sessions { get; set; } = [];

    /// <summary>Ended sessions, kept until their absolute expiry so their tokens report why they fail.</summary>
    public List<EndedSessionRecord> Ended { get; set; } = [];

    public List<OperationRecord> Operations { get; set; } = [];

    public int Version { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRegistered => PasswordHash is not null;

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>A list read from storage grows to 4 slots for 1 session; kept in memory for as long as the user is active, trimmed to what it holds.</summary>
    void IJsonOnDeserialized.OnDeserialized() => Sessions.TrimExcess();
}
