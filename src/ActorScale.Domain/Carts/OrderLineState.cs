using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Carts;

/// <summary>A persisted order line.</summary>
public sealed class OrderLineState
{
    public string Sku { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public long UnitPriceCents { get; set; }

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
