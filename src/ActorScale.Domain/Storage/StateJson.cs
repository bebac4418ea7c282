using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Domain.Storage;

/// <summary>
/// The stored form of the rules' state classes: System.Text.Json, camelCase, enums as names, no type names. One
/// definition for the silos' grain storage and for anything that writes rows the silos read (the seeder).
/// </summary>
public static class StateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };
}
