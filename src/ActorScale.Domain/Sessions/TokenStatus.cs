namespace ActorScale.Domain.Sessions;

/// <summary>The outcome of validating a token.</summary>
public enum TokenStatus
{
    /// <summary>The session is live.</summary>
    Valid = 0,

    /// <summary>Malformed, unknown, or issued for another user.</summary>
    Invalid = 1,

    /// <summary>Past the absolute lifetime or the idle timeout.</summary>
    Expired = 2,

    /// <summary>Logged out, revoked (revoke-all) or evicted by a newer session.</summary>
    Revoked = 3,
}
