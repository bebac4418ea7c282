using System.Text.Json;
using System.Text.Json.Serialization;
using ActorScale.Domain.Operations;

namespace ActorScale.Domain.Carts;

/// <summary>The persisted cart of one user (grain state <c>user-cart</c>): its lines, how many orders were placed, recent operation ids.</summary>
/// <remarks>
/// The orders themselves live in pages of their own (<see cref="OrderPageState"/>), so a cart write costs the cart and
/// not the history. A checkout writes the order's page first and then this record (lines emptied, <see cref="OrderCount"/>
/// raised, operation id recorded): the order is acknowledged only by the second write, and an order on a page beyond
/// <see cref="OrderCount"/> (a checkout whose cart write failed) is overwritten by the next checkout.
/// </remarks>
public sealed class CartState : IVersioned, IJsonOnDeserialized
{
    /// <summary>Number of changes applied.</summary>
    public int Version { get; set; }

    /// <summary>Lines in the order they were first added.</summary>
    public List<CartLineState> Lines { get; set; } = [];

    /// <summary>Orders placed and acknowledged: <c>ord-000001</c> to <see cref="OrderPaging.IdOf"/>(OrderCount).</summary>
    public int OrderCount { get; set; }

    /// <summary>
    /// Orders as carts stored them before order pages: moved to pages the first time a grain of this build reads the
    /// cart, then null (and no longer written).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<OrderState>? Orders { get; set; }

    public List<OperationRecord> Operations { get; set; } = [];

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>A list read from storage grows to 4 slots for 1 line; kept in memory for as long as the user is active, trimmed to what it holds.</summary>
    void IJsonOnDeserialized.OnDeserialized() => Lines.TrimExcess();
}
