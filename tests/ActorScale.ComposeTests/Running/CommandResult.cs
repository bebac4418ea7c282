namespace ActorScale.ComposeTests.Running;

/// <summary>How a command ended: its exit code and everything it printed.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and the end of what it printed, for a failure message.</summary>
    public string Describe() => $"`{CommandLine}` exited {ExitCode}\n--- stdout (end)\n{Tail(Output)}\n--- stderr (end)\n{Tail(Error)}";

    /// <summary>This result when the command succeeded; otherwise an exception that says what it printed.</summary>
    public CommandResult EnsureSuccess() => Succeeded ? this : throw new InvalidOperationException(Describe());

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}
