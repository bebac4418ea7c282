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

    public static readonly IReadOnlyList<string> All = [Session, CartRead, CartWrite, Mix];

    public static string Describe(string workload) => workload switch
    {
        Session => "session check (GET /api/me)",
        CartRead => "cart read (GET /api/cart)",
        CartWrite => "cart write, durable (PUT /api/cart/items/{sku})",
        Mix => "mix: 40 % session checks, 40 % cart reads, 20 % cart writes",
        _ => workload,
    };

    /// <summary>The request one step of <paramref name="workload"/> makes.</summary>
    public static BenchRequest Pick(string workload, Random random) => workload switch
    {
        Session => BenchRequest.Session,
        CartRead => BenchRequest.CartRead,
        CartWrite => BenchRequest.CartWrite,
        Mix => random.Next(10) switch
        {
            < 4 => BenchRequest.Session,
            < 8 => BenchRequest.CartRead,
            _ => BenchRequest.CartWrite,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, "unknown workload"),
    };
}
