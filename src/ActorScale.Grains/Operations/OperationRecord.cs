using System.Text.Json.Serialization;

namespace ActorScale.Grains.Operations;

/// <summary>An applied operation id and what it produced, kept so that a retry returns the original outcome.</summary>
[GenerateSerializer, Alias("actorscale.state.operation")]
public sealed class OperationRecord
{
    [Id(0), JsonPropertyName("id")]
    public Guid Id { get; set; }

    /// <summary>The state version the operation produced.</summary>
    [Id(1), JsonPropertyName("v")]
    public int Version { get; set; }

    /// <summary>A small result to replay (an order id, a count), or null.</summary>
    [Id(2), JsonPropertyName("r")]
    public string? Result { get; set; }
}
