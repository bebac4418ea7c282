using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorScale.ComposeTests;

/// <summary>The repository's docker-compose.yml, parsed with merge keys (<c>&lt;&lt;: *anchor</c>) resolved as compose resolves them.</summary>
internal sealed class ComposeFile
{
    public const string FileName = "docker-compose.yml";

    /// <summary>Where compose mounts a service's secrets.</summary>
    public const string SecretsMount = "/run/secrets/";

    public static readonly IReadOnlyList<string> Silos = ["silo1", "silo2", "silo3"];

    private ComposeFile(YamlMappingNode root) => Root = root;

    /// <summary>The committed file, parsed once: no test changes it.</summary>
    public static ComposeFile Repository { get; } = Load(RepoRoot.Combine(FileName));

    public YamlMappingNode Root { get; }

    public IReadOnlyList<ComposeService> Services =>
        Yaml.Entries(Yaml.At(Root, "services")).Select(pair => new ComposeService(pair.Key, (YamlMappingNode)pair.Value)).ToList();

    /// <summary>The top-level secrets: name to the host file compose mounts.</summary>
    public IReadOnlyDictionary<string, string> SecretFiles =>
        Yaml.Entries(Yaml.At(Root, "secrets")).ToDictionary(pair => pair.Key, pair => Yaml.Scalar(pair.Value, "file") ?? "");

    public ComposeService Service(string name) =>
        Services.SingleOrDefault(service => service.Name == name) ?? throw new KeyNotFoundException($"{FileName} has no service '{name}'");

    private static ComposeFile Load(string path)
    {
        using var reader = File.OpenText(path);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return new ComposeFile((YamlMappingNode)stream.Documents.Single().RootNode);
    }
}
