using ActorScale.Hosting;

namespace ActorScale.Lab.Bench;

/// <summary>The designs <c>actorscale bench</c> compares, by their command-line names.</summary>
public static class BenchDesigns
{
    /// <summary>Grains behind the silos' HTTP API, through the load balancer.</summary>
    public const string GrainsHttp = "grains-http";

    /// <summary>Grains called through the Orleans client: no HTTP, no load balancer.</summary>
    public const string GrainsOrleans = "grains-orleans";

    /// <summary>
    /// <see cref="GrainsOrleans"/> with the Orleans ports in plaintext (mutual TLS off), on the same silos restarted:
    /// what the transport's TLS costs. Not a design anyone should deploy.
    /// </summary>
    public const string GrainsOrleansPlaintext = "grains-orleans-plaintext";

    /// <summary>The ratio column of every figure: the literature's default design.</summary>
    public const string RedisSession = BaselineDesigns.RedisSession;

    public const string RedisCache = BaselineDesigns.RedisCache;

    public const string Jwt = BaselineDesigns.Jwt;

    public const string JwtDenylist = BaselineDesigns.JwtDenylist;

    public const string ReadReplica = BaselineDesigns.ReadReplica;

    /// <summary>The floor: the same HTTP stack with fixed answers and no store (see <see cref="BaselineDesigns.Noop"/>).</summary>
    public const string Noop = BaselineDesigns.Noop;

    /// <summary>Every design in run order: the grain designs share one set of silos, started first, then the baseline's, then the floor.</summary>
    public static readonly IReadOnlyList<string> All = [GrainsHttp, GrainsOrleans, GrainsOrleansPlaintext, .. BaselineDesigns.All, Noop];

    public static bool IsGrains(string design) => design is GrainsHttp or GrainsOrleans or GrainsOrleansPlaintext;

    /// <summary>The floor answers from memory: it has no sessions to revoke and no carts to be stale.</summary>
    public static bool IsFloor(string design) => design == Noop;

    /// <summary>What runs for a design, in words, for the report.</summary>
    public static string Describe(string design, int servers) => design switch
    {
        GrainsHttp => $"{servers} silos (HTTP API) behind nginx; grain state in PostgreSQL",
        GrainsOrleans => $"{servers} silos called by the Orleans client (no HTTP, no load balancer); mutual TLS on the Orleans ports",
        GrainsOrleansPlaintext => $"the same {servers} silos restarted with the Orleans ports in plaintext, called by the Orleans client: what mutual TLS costs",
        RedisSession => $"{servers} stateless servers behind nginx; sessions in Redis, carts in PostgreSQL",
        RedisCache => $"{servers} stateless servers behind nginx; sessions in Redis, carts in PostgreSQL cached in Redis (cache-aside, versioned)",
        Jwt => $"{servers} stateless servers behind nginx; signed JWTs checked locally, carts in PostgreSQL",
        JwtDenylist => $"{servers} stateless servers behind nginx; JWTs plus a Redis denylist check per request, carts in PostgreSQL",
        ReadReplica => $"{servers} stateless servers behind nginx; sessions in Redis, cart reads from a PostgreSQL streaming replica (hot standby), changes on the primary (PostgreSQL statements count the primary's only; the replica's CPU is counted)",
        Noop => $"the floor: {servers} servers behind nginx with the same Kestrel, middleware and JSON, answering every call with a fixed answer and no store (not a design)",
        _ => design,
    };
}
