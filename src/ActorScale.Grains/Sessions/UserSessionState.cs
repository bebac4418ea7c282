using ActorScale.Grains.Operations;

namespace ActorScale.Grains.Sessions;

/// <summary>The persisted account and sessions of one user (state name <see cref="Users.StateNames.Session"/>).</summary>
[GenerateSerializer, Alias("actorscale.state.user-session")]
public sealed class UserSessionState : IVersioned
{
    /// <summary>PBKDF2 hash; null until registered.</summary>
    [Id(0)]
    public string? PasswordHash { get; set; }

    [Id(1)]
    public DateTimeOffset? RegisteredAt { get; set; }

    [Id(2)]
    public int FailedLogins { get; set; }

    [Id(3)]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Live sessions, oldest first.</summary>
    [Id(4)]
    public List<SessionRecord> Sessions { get; set; } = [];

    /// <summary>Ended sessions, kept until their absolute expiry so their tokens report why they fail.</summary>
    [Id(5)]
    public List<EndedSessionRecord> Ended { get; set; } = [];

    [Id(6)]
    public List<OperationRecord> Operations { get; set; } = [];

    [Id(7)]
    public int Version { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRegistered => PasswordHash is not null;
}
