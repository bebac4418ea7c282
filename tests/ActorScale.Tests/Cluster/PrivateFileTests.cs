using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Cluster;

/// <summary>Secrets, state, nginx's config and the login profile are written through <see cref="PrivateFile"/>.</summary>
public sealed class PrivateFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("as-private-file-");

    [Fact]
    public void Write_LeavesAFileAtThePredictableTemporaryName_Alone_AndWritesMode0600WithNothingLeftBehind()
    {
        var path = Path.Combine(_folder.FullName, "profile.json");
        var planted = path + ".tmp";
        File.WriteAllText(planted, "someone else's");

        PrivateFile.Write(path, "{\"token\":\"t\"}");

        Assert.Equal("{\"token\":\"t\"}", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("someone else's", File.ReadAllText(planted));
        Assert.Equal(["profile.json", "profile.json.tmp"], _folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_OverAnExistingFile_ReplacesItWhole()
    {
        var path = Path.Combine(_folder.FullName, "cluster.json");
        PrivateFile.Write(path, new string('x', 10_000));

        PrivateFile.Write(path, "short");

        Assert.Equal("short", File.ReadAllText(path));
        Assert.Single(_folder.GetFiles());
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
