using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// A silo published from the sources into a release folder of the cluster's own (<c>releases/&lt;time&gt;</c>), so that a
/// rolling restart moves silos onto new code while the old ones keep running from their own files.
/// </summary>
public static class SiloRelease
{
    /// <summary>Publishes the silo of <paramref name="sourceRoot"/> (a checkout; default the one this program was built from).</summary>
    public static async Task<string> PublishAsync(ClusterHome home, string? sourceRoot, string logFile, CancellationToken cancellationToken)
    {
        var project = Path.Combine(sourceRoot ?? SourceRoot(), "src", SiloBinary.ProgramName, SiloBinary.ProgramName + ".csproj");
        if (!File.Exists(project))
        {
            throw new UsageException($"--source {sourceRoot}: no src/{SiloBinary.ProgramName}/{SiloBinary.ProgramName}.csproj there (give the root of a checkout)");
        }

        var folder = Path.Combine(home.Root, "releases", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        // Built under the release folder, not artifacts/: a build there would overwrite the files running silos have mapped.
        var result = await Cli.Wrap("dotnet").WithArguments(["publish", project, "-c", "Release", "-o", folder, $"-p:ArtifactsPath={Path.Combine(folder, "build")}", "-nologo", "-v", "q"])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        await File.AppendAllTextAsync(logFile, result.StandardOutput + result.StandardError, cancellationToken);
        var program = Path.Combine(folder, SiloBinary.ProgramName);
        return result.ExitCode == 0 && File.Exists(program)
            ? program
            : throw new InvalidOperationException($"dotnet publish of the silo failed (exit {result.ExitCode}); see {logFile}");
    }

    /// <summary>The checkout this program was built from: the nearest folder above it that holds ActorScale.sln.</summary>
    public static string SourceRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ActorScale.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the sources (ActorScale.sln) above this program: --build needs a checkout");
    }
}
