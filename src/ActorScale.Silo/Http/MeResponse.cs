using ActorScale.Abstractions.Sessions;

namespace ActorScale.Silo.Http;

/// <summary>The caller's session and how many live sessions its user has.</summary>
public sealed record MeResponse(string UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset IdleExpiresAt, int ActiveSessions)
{
    public static MeResponse From(SessionInfo info) => new(info.UserId, info.CreatedAt, info.ExpiresAt, info.IdleExpiresAt, info.ActiveSessions);
}
