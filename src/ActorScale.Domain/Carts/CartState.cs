using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
