using ActorScale.Abstractions.Sessions;

namespace ActorScale.Silo.Http;

/// <summary>A new session: the bearer token (shown once) and when the session ends.</summary>
public sealed record SessionResponse(string Token, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset IdleExpiresAt)
{
    public static SessionResponse From(LoginResult login) => new(login.Token, login.UserId, login.ExpiresAt, login.IdleExpiresAt);
}
