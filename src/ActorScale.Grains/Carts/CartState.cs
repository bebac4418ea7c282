using ActorScale.Grains.Operations;

namespace ActorScale.Grains.Carts;

/// <summary>The persisted cart and order history of one user (state name <see cref="Users.StateNames.Cart"/>).</summary>
/// <remarks>Orders live in the same record as the cart so that checkout (order placed, cart emptied) is one write.</remarks>
[GenerateSerializer, Alias("actorscale.state.cart")]
public sealed class CartState : IVersioned
{
    /// <summary>Number of changes applied.</summary>
    [Id(0)]
    public int Version { get; set; }

    /// <summary>Lines in the order they were first added.</summary>
    [Id(1)]
    public List<CartLineState> Lines { get; set; } = [];

    /// <summary>Placed orders, oldest first.</summary>
    [Id(2)]
    public List<OrderState> Orders { get; set; } = [];

    [Id(3)]
    public List<OperationRecord> Operations { get; set; } = [];
}
