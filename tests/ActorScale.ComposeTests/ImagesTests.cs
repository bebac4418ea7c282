using System.Text.RegularExpressions;

namespace ActorScale.ComposeTests;

/// <summary>
/// Every image is a variable whose default is the public image, so the file runs unchanged where a registry answers
/// and with docker/offline/build.sh's images where none does; and the file stays within what docker-compose 1.29 reads.
/// </summary>
public sealed partial class ImagesTests
{
    private const string OfflineBuild = "docker/offline/build.sh";

    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Theory]
    [InlineData("redis", "REDIS_IMAGE", "redis:7")]
    [InlineData("postgres", "POSTGRES_IMAGE", "postgres:15")]
    [InlineData("lb", "NGINX_IMAGE", "nginx:1.27")]
    [InlineData("silo1", "SILO_IMAGE", "actorscale-silo")]
    [InlineData("silo2", "SILO_IMAGE", "actorscale-silo")]
    [InlineData("silo3", "SILO_IMAGE", "actorscale-silo")]
    [InlineData("migrate", "CLIENT_IMAGE", "actorscale-client")]
    [InlineData("client", "CLIENT_IMAGE", "actorscale-client")]
    public void Image_OfEachService_IsAVariableWithThePublicDefault(string service, string variable, string image)
    {
        Assert.Equal($"${{{variable}:-{image}}}", Compose.Service(service).Image);
        Assert.Matches($@"(?m)^{variable}=\$", File.ReadAllText(RepoRoot.Combine(OfflineBuild)));
    }

    [Theory]
    [InlineData("docker/silo.Dockerfile")]
    [InlineData("docker/client.Dockerfile")]
    public void Dockerfile_EveryFrom_IsABuildArgumentWithAPublicDotnetDefault(string path)
    {
        var dockerfile = Dockerfile.Load(path);
        Assert.NotEmpty(dockerfile.BaseImages);
        Assert.All(dockerfile.BaseImages, image =>
        {
            var argument = VariablePattern().Match(image);
            Assert.True(argument.Success, $"{path}: FROM {image} is not a build argument");
            Assert.StartsWith("mcr.microsoft.com/dotnet/", dockerfile.GlobalArgs.GetValueOrDefault(argument.Groups["name"].Value), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("migrate")]
    [InlineData("client")]
    public void BuildArgs_EachBaseOfTheDockerfile_IsPassedAsAVariableWithTheSameDefault(string service)
    {
        var build = Compose.Service(service);
        var arguments = Dockerfile.Load(build.BuildDockerfile!).GlobalArgs;
        Assert.Equal(arguments.Keys.Order(), build.BuildArgs.Keys.Order());
        Assert.All(arguments, argument => Assert.Equal($"${{{argument.Key}:-{argument.Value}}}", build.BuildArgs[argument.Key]));
    }

    [Fact]
    public void Compose_TopLevelName_IsAbsentForDockerCompose129() =>
        Assert.Null(Yaml.At(Compose.Root, "name"));

    [GeneratedRegex(@"^\$\{(?<name>\w+)\}$")]
    private static partial Regex VariablePattern();
}
