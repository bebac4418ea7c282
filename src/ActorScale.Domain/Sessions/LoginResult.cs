namespace ActorScale.Domain.Sessions;

/// <summary>A new session.</summary>
/// <param name="Token">The bearer token; shown once, never stored by the silo.</param>
/// <param name="UserId">The normalized user id.</param>
/// <param name="ExpiresAt">The end of the session's absolute lifetime.</param>
/// <param name="IdleExpiresAt">When the session ends if unused.</param>
public sealed record LoginResult(
    string Token,
    string UserId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IdleExpiresAt);
