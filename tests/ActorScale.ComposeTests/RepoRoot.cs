namespace ActorScale.ComposeTests;

/// <summary>The repository root: the nearest folder above the test binaries that holds ActorScale.sln.</summary>
internal static class RepoRoot
{
    public static string Location { get; } = Find();

    /// <summary>The full path of a repository path written with forward slashes, as compose and Dockerfiles write them.</summary>
    public static string Combine(string relativePath) => Path.GetFullPath(relativePath, Location);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActorScale.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ActorScale.sln in {AppContext.BaseDirectory} or above");
    }
}
