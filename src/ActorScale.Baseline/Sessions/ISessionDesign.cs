using ActorScale.Domain.Sessions;

namespace ActorScale.Baseline.Sessions;

/// <summary>How one baseline design opens, checks and ends sessions. Every method throws our typed errors for a refusal.</summary>
public interface ISessionDesign
{
    /// <summary>Opens a session for a user whose password was just verified; evicts the oldest beyond the per-user cap.</summary>
    Task<LoginResult> OpenAsync(string userId);

    /// <summary>The user a token claims to belong to, before any store is asked: the key of its operation log.</summary>
    Task<string> ClaimedUserIdAsync(string token);

    /// <summary>
    /// The session a token names, live or not, from the token alone (a digest of an opaque token, a signed JWT's id): what
    /// a session operation's id is bound to. Holding the token is the proof; no store is asked.
    /// </summary>
    Task<string> SessionIdOfAsync(string token);

    /// <summary>The live session of a token, or InvalidToken / TokenExpired / TokenRevoked.</summary>
    Task<AuthenticatedSession> AuthenticateAsync(string token, bool countSessions = false);

    /// <summary>Ends one session.</summary>
    Task LogoutAsync(AuthenticatedSession session);

    /// <summary>Ends every session of the session's user; returns how many live ones it ended.</summary>
    Task<int> RevokeAllAsync(AuthenticatedSession session);
}
