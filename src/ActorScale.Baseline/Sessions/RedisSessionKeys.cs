namespace ActorScale.Baseline.Sessions;

/// <summary>The Redis keys of the baseline: one place, so a key's shape is never spelled twice.</summary>
public static class RedisSessionKeys
{
    /// <summary>The hash of one session (<c>redis-session</c>), keyed by the SHA-256 of the token's secret, never the secret.</summary>
    public static string Session(string digest) => "bl:s:" + digest;

    /// <summary>A user's sessions (<c>redis-session</c>): digests scored by creation time, for revoke-all and the cap.</summary>
    public static string UserSessions(string userId) => "bl:us:" + userId;

    /// <summary>A user's cart cached by <c>redis-cache</c>: <c>{version}|{lines JSON}</c>, with a time to live.</summary>
    public static string Cart(string userId) => "bl:cart:" + userId;

    /// <summary>An applied logout or revoke-all operation id and its result, so a retry is applied once.</summary>
    public static string Operation(string userId, Guid operationId) => $"bl:op:{userId}:{operationId:N}";
}
