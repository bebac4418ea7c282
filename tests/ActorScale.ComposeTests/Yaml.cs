using YamlDotNet.RepresentationModel;

namespace ActorScale.ComposeTests;

/// <summary>Navigation in a parsed YAML tree, where a missing key is null rather than an exception.</summary>
internal static class Yaml
{
    public static YamlNode? At(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Scalar(YamlNode? node, params string[] path) => At(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The values of a sequence of scalars (<c>[a, b]</c>), or of one scalar.</summary>
    public static IReadOnlyList<string> Scalars(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(item => ((YamlScalarNode)item).Value ?? "").ToList(),
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => [],
    };

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", pair.Value))
            : [];
}
