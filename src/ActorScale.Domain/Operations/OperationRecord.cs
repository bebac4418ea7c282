using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Operations;

/// <summary>An applied operation id and what it produced, kept so that a retry returns the original outcome.</summary>
public sealed class OperationRecord
{
    [JsonPropertyName("id")]
    public Guid Id { get; set; }

    /// <summary>The <see cref="OperationIntent.Fingerprint"/> of what was asked (null in records written before fingerprints).</summary>
    [JsonPropertyName("f")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fingerprint { get; set; }

    /// <summary>The state version the operation produced.</summary>
    [JsonPropertyName("v")]
    public int Version { get; set; }

    /// <summary>A small result to replay (an order id, a count), or null.</summary>
    [JsonPropertyName("r")]
    public string? Result { get; set; }

    /// <summary>
    /// Members a newer version of the code wrote that this one does not know: kept and written back unchanged, so a
    /// rolling upgrade never loses them while old and new silos share the state (README, "State evolution").
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
