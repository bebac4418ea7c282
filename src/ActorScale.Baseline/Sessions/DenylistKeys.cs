namespace ActorScale.Baseline.Sessions;

/// <summary>
/// The Redis side of the JWT designs: a denylist entry per logged-out token (its <c>jti</c>), kept exactly as long as
/// the token could still be presented, and a per-user "not before" for revoke-all, kept as long as the longest token.
/// </summary>
public static class DenylistKeys
{
    public static string Token(string jti) => "bl:deny:" + jti;

    public static string NotBefore(string userId) => "bl:nbf:" + userId;

    /// <summary>The user's issued tokens: <c>jti</c> scored by expiry (ms), to count sessions and cap them at login.</summary>
    public static string Issued(string userId) => "bl:jwt:" + userId;

    /// <summary>How long a denylist entry must live: the token's remaining lifetime; null once it has expired (no entry needed).</summary>
    public static TimeSpan? TokenTtl(DateTimeOffset expiresAt, DateTimeOffset now) => expiresAt > now ? expiresAt - now : null;

    /// <summary>A token is refused by revoke-all when it was created at or before the user's "not before" (Unix ms).</summary>
    public static bool IsRevokedBy(long createdAtMs, long? notBeforeMs) => notBeforeMs is { } notBefore && createdAtMs <= notBefore;
}
