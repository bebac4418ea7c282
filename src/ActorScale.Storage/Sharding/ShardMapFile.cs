using System.Text.Json;

namespace ActorScale.Storage.Sharding;

/// <summary>
/// The shard map on disk, and the silos' acknowledgements beside it (<c>&lt;map&gt;.acks/&lt;silo&gt;</c>, each holding the
/// epoch that silo runs with no storage call of an older epoch still in flight). Both are replaced by rename, so a
/// reader never sees half a file.
/// </summary>
public static class ShardMapFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ShardMap Read(string path)
    {
        var map = JsonSerializer.Deserialize<ShardMap>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty");
        return map.Problem() is { } problem ? throw new InvalidDataException($"{path}: {problem}") : map;
    }

    public static void Write(string path, ShardMap map)
    {
        if (map.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(map));
        }

        Replace(path, JsonSerializer.Serialize(map, Json));
    }

    public static string AckDirectory(string mapPath) => mapPath + ".acks";

    public static void Acknowledge(string mapPath, string silo, int epoch)
    {
        Directory.CreateDirectory(AckDirectory(mapPath));
        Replace(Path.Combine(AckDirectory(mapPath), silo), epoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The epoch <paramref name="silo"/> last acknowledged, or 0.</summary>
    public static int Acknowledged(string mapPath, string silo)
    {
        var file = Path.Combine(AckDirectory(mapPath), silo);
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadAllText(file), out var epoch) ? epoch : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void Replace(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
