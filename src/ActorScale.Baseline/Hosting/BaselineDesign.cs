namespace ActorScale.Baseline.Hosting;

/// <summary>How a stateless baseline server knows who is calling.</summary>
public enum BaselineDesign
{
    /// <summary>An opaque token; the session is a Redis hash read on every request (TTL = idle timeout).</summary>
    RedisSession = 0,

    /// <summary>A signed JWT validated locally: no store round trip, and no way to revoke it before it expires.</summary>
    Jwt = 1,

    /// <summary>A signed JWT validated locally plus a Redis denylist lookup on every request: revocable.</summary>
    JwtDenylist = 2,
}
