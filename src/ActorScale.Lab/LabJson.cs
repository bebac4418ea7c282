using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorScale.Lab;

/// <summary>
/// The JSON of everything the lab writes (cluster.json, report.json) and of the console's <c>--json</c> output, which
/// prints the same reports: camelCase, enums by name, nulls left out, indented.
/// </summary>
public static class LabJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
