namespace ActorScale.Tests.Support;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds <c>ActorScale.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "ActorScale.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no ActorScale.sln above {AppContext.BaseDirectory}");
    }
}
