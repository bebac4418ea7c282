namespace ActorScale.Lab.Bench;

/// <summary>The request one step of a workload sends (see <see cref="BenchWorkloads.Pick"/>).</summary>
public enum BenchRequest
{
    /// <summary>Is this token a live session? (<c>GET /api/me</c>)</summary>
    Session,

    /// <summary><c>GET /api/cart</c>.</summary>
    CartRead,

    /// <summary>A line's quantity set, durable before it is acknowledged (<c>PUT /api/cart/items/{sku}</c>).</summary>
    CartWrite,

    /// <summary><c>GET /api/catalog</c>, without a token.</summary>
    Catalog,
}
