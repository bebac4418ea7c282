using System.ComponentModel.DataAnnotations;

namespace ActorScale.Domain.Carts;

/// <summary>Cart rules; bound from <c>ActorScale:Carts</c>.</summary>
public sealed class CartOptions
{
    public const string Section = "ActorScale:Carts";

    /// <summary>Distinct lines a cart may hold. Default 100.</summary>
    [Range(1, 10_000)]
    public int MaxLines { get; set; } = 100;

    /// <summary>
    /// Operation ids remembered per cart for idempotent retries. Default 100: far more than a user issues while a
    /// retry can still be in flight. The window is rewritten with every change (64 bytes of JSON an id): at 1 000 a
    /// busy cart's write carried 64 KB and cost PostgreSQL more CPU than the baseline's six statements (`bench`).
    /// </summary>
    [Range(1, 100_000)]
    public int OperationWindow { get; set; } = 100;
}
