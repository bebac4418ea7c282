namespace ActorScale.Hosting;

/// <summary>
/// The stateless baseline's designs by name: one definition for the baseline's <c>--design</c> and configuration, and
/// for the lab that starts baseline servers and benchmarks them.
/// </summary>
public static class BaselineDesigns
{
    /// <summary>An opaque token; the session is a Redis hash read on every request.</summary>
    public const string RedisSession = "redis-session";

    /// <summary>
    /// <see cref="RedisSession"/> with carts cached in Redis, cache-aside: a read asks Redis first and fills it from
    /// PostgreSQL on a miss; a change commits to PostgreSQL, then stores the new cart. Every store is versioned (a cart
    /// never replaces a newer one), so a slow reader cannot put back what a writer replaced.
    /// </summary>
    public const string RedisCache = "redis-cache";

    /// <summary>A signed JWT validated locally: no store round trip, and no way to revoke it before it expires.</summary>
    public const string Jwt = "jwt";

    /// <summary>A signed JWT plus a Redis denylist lookup on every request: revocable.</summary>
    public const string JwtDenylist = "jwt-denylist";

    /// <summary>
    /// <see cref="RedisSession"/> with cart reads from a PostgreSQL streaming replica (hot standby) and writes on the
    /// primary: reads scale out, and a read can miss a write the primary acknowledged that the replica has not replayed yet.
    /// </summary>
    public const string ReadReplica = "read-replica";

    /// <summary>
    /// The floor, not a design: the same HTTP stack answering every call from memory with fixed answers and no store,
    /// so that every design's throughput can be read as a share of the most this stack serves. Not in <see cref="All"/>.
    /// </summary>
    public const string Noop = "noop";

    /// <summary>Every design, in the order reports show them.</summary>
    public static IReadOnlyList<string> All { get; } = [RedisSession, RedisCache, Jwt, JwtDenylist, ReadReplica];
}
