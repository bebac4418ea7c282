using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Carts;

/// <summary>
/// One page of a user's order history (grain state <c>user-orders-{page}</c>): orders
/// <c>page * <see cref="OrderPaging.PageSize"/> + 1</c> onwards, oldest first. A checkout rewrites one page, never the
/// history: the cart record stays the size of the cart.
/// </summary>
public sealed class OrderPageState
{
    /// <summary>The page's orders; a page may hold one more order than the cart has acknowledged (a checkout whose cart write failed).</summary>
    public List<OrderState> Orders { get; set; } = [];

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
