using ActorScale.Domain.Operations;

namespace ActorScale.Domain.Carts;

/// <summary>The persisted cart and order history of one user (grain state <c>user-cart</c>).</summary>
/// <remarks>Orders live in the same record as the cart so that checkout (order placed, cart emptied) is one write.</remarks>
public sealed class CartState : IVersioned
{
    /// <summary>Number of changes applied.</summary>
    public int Version { get; set; }

    /// <summary>Lines in the order they were first added.</summary>
    public List<CartLineState> Lines { get; set; } = [];

    /// <summary>Placed orders, oldest first.</summary>
    public List<OrderState> Orders { get; set; } = [];

    public List<OperationRecord> Operations { get; set; } = [];
}
