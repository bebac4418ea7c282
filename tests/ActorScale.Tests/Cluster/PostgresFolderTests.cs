using System.Security.Cryptography;
using System.Text;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Run as root (as CI and the local cluster are) from a home the <c>postgres</c> OS user cannot enter, the launcher puts
/// PostgreSQL's data under /var/tmp: in a folder nobody else could have created first.
/// </summary>
public sealed class PostgresFolderTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task HomeThePostgresUserCannotEnter_DataGoesToAnUnpredictableFolderOfPostgres_UsedAgainOnlyWhileItStaysPrivate()
    {
        Assert.True(NativeProcess.IsRoot, "this test needs root, as the launcher's /var/tmp path does");
        var parent = Directory.CreateTempSubdirectory("as-pg-home-");
        var home = new ClusterHome(Path.Combine(parent.FullName, "home"));
        var log = Path.Combine(parent.FullName, "setup.log");

        // The name the launcher used before: computable by anyone who knows the home, so creatable first.
        var predictable = Path.Combine("/var/tmp", "actorscale-pg-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(home.Root)))[..12].ToLowerInvariant());
        Directory.CreateDirectory(predictable);
        File.WriteAllText(Path.Combine(predictable, "planted"), "an attacker's");
        string? outside = null;
        try
        {
            var dataDir = await PostgresServer.PrepareDataDirAsync(home, "admin-" + Guid.NewGuid().ToString("N"), log);
            outside = Path.GetDirectoryName(dataDir)!;

            Assert.StartsWith("/var/tmp/actorscale-pg-", outside, StringComparison.Ordinal);
            Assert.NotEqual(predictable, outside);
            Assert.Equal(Private, File.GetUnixFileMode(outside));
            Assert.True(File.Exists(Path.Combine(dataDir, "PG_VERSION")), "initdb ran in it");
            Assert.Equal(["planted"], Directory.GetFileSystemEntries(predictable).Select(Path.GetFileName));

            Assert.Equal(dataDir, await PostgresServer.PrepareDataDirAsync(home, "unused", log));

            File.SetUnixFileMode(outside, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            var refused = await Assert.ThrowsAsync<UsageException>(() => PostgresServer.PrepareDataDirAsync(home, "unused", log));
            Assert.Contains("refusing to use it", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(predictable, recursive: true);
            if (outside is not null)
            {
                Directory.Delete(outside, recursive: true);
            }

            parent.Delete(recursive: true);
        }
    }
}
