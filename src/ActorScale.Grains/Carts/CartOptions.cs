using System.ComponentModel.DataAnnotations;

namespace ActorScale.Grains.Carts;

/// <summary>Cart rules; bound from <c>ActorScale:Carts</c>.</summary>
public sealed class CartOptions
{
    public const string Section = "ActorScale:Carts";

    /// <summary>Distinct lines a cart may hold. Default 100.</summary>
    [Range(1, 10_000)]
    public int MaxLines { get; set; } = 100;

    /// <summary>
    /// Operation ids remembered per cart for idempotent retries. Default 1 000: far more than a user issues while
    /// a retry can still be in flight, and small enough (about 60 bytes each) to rewrite with every change.
    /// </summary>
    [Range(1, 100_000)]
    public int OperationWindow { get; set; } = 1000;
}
