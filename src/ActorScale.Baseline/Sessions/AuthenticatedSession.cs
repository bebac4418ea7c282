namespace ActorScale.Baseline.Sessions;

/// <summary>The live session behind a request's bearer token, as the design's store (or the token itself) says.</summary>
/// <param name="UserId">The session's user.</param>
/// <param name="SessionId">The Redis session key's digest, or the JWT's <c>jti</c>.</param>
/// <param name="CreatedAt">When the session logged in.</param>
/// <param name="ExpiresAt">The end of its absolute lifetime.</param>
/// <param name="IdleExpiresAt">When it ends if unused (the JWT designs have no idle timeout: <see cref="ExpiresAt"/>).</param>
/// <param name="ActiveSessions">The user's live sessions, where the request asked for them (<c>GET /api/me</c>).</param>
public sealed record AuthenticatedSession(
    string UserId,
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IdleExpiresAt,
    int ActiveSessions);
