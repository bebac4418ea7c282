using System.Xml.Linq;

namespace ActorScale.ComposeTests;

/// <summary>The images compose builds: the right project, published from files that exist, and nothing else of the context.</summary>
public sealed class DockerfileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Theory]
    [InlineData("silo1", "src/ActorScale.Silo/ActorScale.Silo.csproj")]
    [InlineData("silo2", "src/ActorScale.Silo/ActorScale.Silo.csproj")]
    [InlineData("silo3", "src/ActorScale.Silo/ActorScale.Silo.csproj")]
    [InlineData("migrate", "src/ActorScale.Client/ActorScale.Client.csproj")]
    [InlineData("client", "src/ActorScale.Client/ActorScale.Client.csproj")]
    public void Build_Dockerfile_PublishesAndRunsTheServiceProject(string service, string project)
    {
        var build = Compose.Service(service);
        Assert.Equal(".", build.BuildContext);
        var path = build.BuildDockerfile;
        Assert.True(path is not null && File.Exists(RepoRoot.Combine(path)), $"{service} builds from '{path}', which does not exist");

        var dockerfile = Dockerfile.Load(path);
        Assert.Equal(project, dockerfile.PublishedProject);
        Assert.True(File.Exists(RepoRoot.Combine(project)), $"{project} does not exist");
        Assert.Equal($"[\"dotnet\", \"/app/{AssemblyName(project)}.dll\"]", dockerfile.Entrypoint);
    }

    [Theory]
    [InlineData("docker/silo.Dockerfile")]
    [InlineData("docker/client.Dockerfile")]
    [InlineData("docker/offline/silo.Dockerfile")]
    [InlineData("docker/offline/client.Dockerfile")]
    public void Dockerfile_RunsAsUid10001_NotRoot(string path)
    {
        var lines = File.ReadAllLines(RepoRoot.Combine(path)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var user = lines.FindLastIndex(l => l.StartsWith("USER ", StringComparison.Ordinal));

        Assert.True(user >= 0, $"{path} has no USER: its service runs as root");
        Assert.Equal("USER 10001:10001", lines[user]);
        Assert.True(user < lines.FindLastIndex(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal)), $"{path}: USER after ENTRYPOINT");
        Assert.Contains(lines, l => l.Contains("useradd --uid 10001 --gid 10001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("docker/silo.Dockerfile")]
    [InlineData("docker/client.Dockerfile")]
    public void Dockerfile_Copy_NamesExistingPathsNotTheWholeContext(string path)
    {
        // There is no .dockerignore: copying the whole context would put artifacts/, .actorscale/ and docker/secrets/ in the image.
        var copied = Dockerfile.Load(path).CopiedPaths;
        Assert.NotEmpty(copied);
        Assert.DoesNotContain(copied, source => source is "." or "./" || source.Contains('*', StringComparison.Ordinal));
        Assert.DoesNotContain(copied, source => !File.Exists(RepoRoot.Combine(source)) && !Directory.Exists(RepoRoot.Combine(source)));
    }

    private static string AssemblyName(string project) =>
        XDocument.Load(RepoRoot.Combine(project)).Descendants("AssemblyName").FirstOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(project);
}
