namespace ActorScale.Lab.Cluster;

/// <summary>
/// Finds the built silo: <c>$ACTORSCALE_SILO</c>, else the sibling of this program in the artifacts layout
/// (<c>artifacts/bin/ActorScale.Silo/{config}/</c>). Silos run as the apphost itself, never through <c>dotnet run</c>,
/// so the recorded PID is the silo's and SIGKILL is a real crash.
/// </summary>
public static class SiloBinary
{
    public const string ProgramName = "ActorScale.Silo";

    public static string Locate() => LocateProgram(ProgramName, "ACTORSCALE_SILO");

    /// <summary>A program of this solution built next to ours (the silo, the baseline), or the path in <paramref name="variable"/>.</summary>
    public static string LocateProgram(string programName, string variable) => LocateProgram(programName, programName, variable);

    /// <summary>The program <paramref name="file"/> of project <paramref name="project"/> built next to ours, or the path in <paramref name="variable"/>.</summary>
    public static string LocateProgram(string project, string file, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        // artifacts/bin/<project>/<config>/ : step out of our own project folder into the program's.
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidate = Path.Combine(own.Parent!.Parent!.FullName, project, own.Name, file);
        if (!File.Exists(candidate))
        {
            throw new InvalidOperationException($"{file} is not built at {candidate}: run `dotnet build ActorScale.sln -c Release` (./actorscale does)");
        }

        return candidate;
    }
}
