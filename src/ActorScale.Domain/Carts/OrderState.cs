using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Carts;

/// <summary>A persisted order: lines with the prices of the moment of checkout.</summary>
public sealed class OrderState
{
    public string OrderId { get; set; } = "";

    public DateTimeOffset PlacedAt { get; set; }

    public List<OrderLineState> Lines { get; set; } = [];

    public Guid OperationId { get; set; }

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
