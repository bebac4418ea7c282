namespace ActorScale.ComposeTests.Running;

/// <summary>
/// The images of <c>docker/offline/build.sh</c>: built from Debian's packages and this repository on the first run on a
/// machine, found by their tags afterwards.
/// </summary>
internal static class OfflineImages
{
    public const string Script = "docker/offline/build.sh";

    /// <summary>A cold build (debootstrap, apt in four images, two self-contained publishes) took about 3.5 minutes here.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Builds what is missing; returns the variables that point compose at the images (<c>REDIS_IMAGE</c>…).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> BuildAsync()
    {
        var result = (await Command.RunAsync(RepoRoot.Combine(Script), [], BuildTimeout)).EnsureSuccess();
        return result.Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }
}
