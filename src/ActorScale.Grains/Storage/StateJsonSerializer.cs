using System.Text.Json;
using System.Text.Json.Serialization;
using ActorScale.Domain.Storage;
using Orleans.Storage;

namespace ActorScale.Grains.Storage;

/// <summary>
/// How grain state is stored: System.Text.Json, camelCase, no type names. Chosen over Orleans' default (Newtonsoft
/// with <c>$type</c>, where renaming a state class makes every row unreadable) and over Orleans' binary format
/// (opaque to <c>psql</c> and to the chaos checker). Renaming a class is therefore safe. A stored member the class does
/// not know (written by a newer build during a rolling upgrade) is kept in the class's <c>Unknown</c> members and written
/// back unchanged; a class without that member fails the read instead of dropping it silently.
/// </summary>
public sealed class StateJsonSerializer : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options => StateJson.Options;

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <summary>A deep copy through the stored form: what a mutation changes before it is written (the rules' state types are plain classes).</summary>
    public static T Clone<T>(T state)
        where T : class =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(state, Options), Options) ?? throw new JsonException($"{typeof(T).Name} copied to null");

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options) ?? throw new JsonException($"stored {typeof(T).Name} is null");
}
