namespace ActorScale.Lab.Bench;

/// <summary>The workloads: what one request of each does.</summary>
public static class BenchWorkloads
{
    /// <summary><c>GET /api/me</c>: is this token a live session?</summary>
    public const string Session = "session";

    /// <summary><c>GET /api/cart</c>.</summary>
    public const string CartRead = "cart-read";

    /// <summary><c>PUT /api/cart/items/{sku}</c> with an Idempotency-Key: durable before it is acknowledged.</summary>
    public const string CartWrite = "cart-write";

    /// <summary>80 % reads: 40 % session checks, 40 % cart reads, 20 % cart writes.</summary>
    public const string Mix = "mix";

    /// <summary>
    /// <c>GET /api/catalog</c>, anonymous: public content, which the balancer's edge cache serves (<c>--direct</c>: the
    /// servers themselves). Run only when asked for (<c>--workloads catalog</c>): it is the same for every design.
    /// </summary>
    public const string Catalog = "catalog";

    /// <summary>The workloads a run does by default.</summary>
    public static readonly IReadOnlyList<string> All = [Session, CartRead, CartWrite, Mix];

    /// <summary>Every workload <c>--workloads</c> accepts, in run order.</summary>
    public static readonly IReadOnlyList<string> Known = [.. All, Catalog];

    public static string Describe(string workload) => workload switch
    {
        Session => "session check (GET /api/me)",
        CartRead => "cart read (GET /api/cart)",
        CartWrite => "cart write, durable (PUT /api/cart/items/{sku})",
        Mix => "mix: 40 % session checks, 40 % cart reads, 20 % cart writes",
        Catalog => "catalog, anonymous and public (GET /api/catalog)",
        _ => workload,
    };

    /// <summary>The request one step of <paramref name="workload"/> makes.</summary>
    public static BenchRequest Pick(string workload, Random random) => workload switch
    {
        Session => BenchRequest.Session,
        CartRead => BenchRequest.CartRead,
        CartWrite => BenchRequest.CartWrite,
        Catalog => BenchRequest.Catalog,
        Mix => random.Next(10) switch
        {
            < 4 => BenchRequest.Session,
            < 8 => BenchRequest.CartRead,
            _ => BenchRequest.CartWrite,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, "unknown workload"),
    };
}
