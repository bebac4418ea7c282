using YamlDotNet.RepresentationModel;

namespace ActorScale.ComposeTests;

/// <summary>One service of the compose file, in the forms this file writes it (environment as a mapping, ports as strings).</summary>
internal sealed class ComposeService(string name, YamlMappingNode node)
{
    public string Name { get; } = name;

    /// <summary>The environment as scalar nodes, so that a test can see how a value is quoted.</summary>
    public IReadOnlyDictionary<string, YamlScalarNode> EnvironmentNodes => Yaml.At(node, "environment") switch
    {
        null => new Dictionary<string, YamlScalarNode>(),
        YamlMappingNode mapping => Yaml.Entries(mapping).ToDictionary(pair => pair.Key, pair => (YamlScalarNode)pair.Value),
        _ => throw new InvalidOperationException($"{Name}: environment must be a mapping (KEY: value)"),
    };

    public IReadOnlyDictionary<string, string> Environment =>
        EnvironmentNodes.ToDictionary(pair => pair.Key, pair => pair.Value.Value ?? "");

    /// <summary>Each service this one waits for, with its condition (the short list form means <c>service_started</c>).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Yaml.At(node, "depends_on") switch
    {
        YamlMappingNode mapping => Yaml.Entries(mapping).ToDictionary(pair => pair.Key, pair => Yaml.Scalar(pair.Value, "condition") ?? "service_started"),
        var list => Yaml.Scalars(list).ToDictionary(service => service, _ => "service_started"),
    };

    public IReadOnlyList<string> Command => Yaml.Scalars(Yaml.At(node, "command"));

    public IReadOnlyList<string> Secrets => Yaml.Scalars(Yaml.At(node, "secrets"));

    public IReadOnlyList<string> Ports => Yaml.Scalars(Yaml.At(node, "ports"));

    /// <summary>Volumes in the short form <c>source:target[:mode]</c>.</summary>
    public IReadOnlyList<string> Volumes => Yaml.Scalars(Yaml.At(node, "volumes"));

    public bool HasHealthcheck => Yaml.At(node, "healthcheck", "test") is not null;

    public string? StaticAddress => Yaml.Scalar(node, "networks", "default", "ipv4_address");

    public string? BuildContext => Yaml.Scalar(node, "build", "context");

    public string? BuildDockerfile => Yaml.Scalar(node, "build", "dockerfile");

    /// <summary>The image the service runs, as written (a variable with its default: <c>${REDIS_IMAGE:-redis:7}</c>).</summary>
    public string? Image => Yaml.Scalar(node, "image");

    /// <summary>The build arguments passed to the Dockerfile, as written.</summary>
    public IReadOnlyDictionary<string, string> BuildArgs =>
        Yaml.Entries(Yaml.At(node, "build", "args")).ToDictionary(pair => pair.Key, pair => ((YamlScalarNode)pair.Value).Value ?? "");
}
