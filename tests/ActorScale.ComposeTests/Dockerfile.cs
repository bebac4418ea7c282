using System.Text.RegularExpressions;

namespace ActorScale.ComposeTests;

/// <summary>A Dockerfile of this repository, read as text: what it copies from the build context, publishes and runs.</summary>
internal sealed partial class Dockerfile(string text)
{
    public static Dockerfile Load(string relativePath) => new(File.ReadAllText(RepoRoot.Combine(relativePath)));

    /// <summary>The project of the first <c>dotnet publish</c>, as written (relative to the build context).</summary>
    public string? PublishedProject => PublishPattern().Match(text) is { Success: true } match ? match.Groups["project"].Value : null;

    /// <summary>The sources of every <c>COPY</c> from the build context (not from another stage).</summary>
    public IReadOnlyList<string> CopiedPaths =>
        CopyPattern().Matches(text).SelectMany(match => match.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();

    /// <summary>The build arguments declared before the first <c>FROM</c>, with their defaults: the only ones a <c>FROM</c> can use.</summary>
    public IReadOnlyDictionary<string, string> GlobalArgs =>
        GlobalArgPattern().Matches(text[..Math.Max(0, text.IndexOf("\nFROM ", StringComparison.Ordinal))])
            .ToDictionary(match => match.Groups["name"].Value, match => match.Groups["default"].Value);

    /// <summary>The image of every <c>FROM</c>, as written.</summary>
    public IReadOnlyList<string> BaseImages => FromPattern().Matches(text).Select(match => match.Groups["image"].Value).ToList();

    public string? Entrypoint => EntrypointPattern().Match(text) is { Success: true } match ? match.Groups["value"].Value.Trim() : null;

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"^COPY (?!--from)(?<arguments>.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyPattern();

    [GeneratedRegex(@"^ARG (?<name>\w+)=(?<default>\S+)$", RegexOptions.Multiline)]
    private static partial Regex GlobalArgPattern();

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"^ENTRYPOINT (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();
}
