namespace ActorScale.Lab;

/// <summary>The markup of <see cref="ILabOutput"/> lines: <c>[style]text[/]</c>, as Spectre.Console reads it.</summary>
public static class LabMarkup
{
    /// <summary>Text from outside (a path, an error message) shown as it is: brackets doubled, as Spectre.Console's own escape does.</summary>
    public static string Escape(string text) => text.Replace("[", "[[", StringComparison.Ordinal).Replace("]", "]]", StringComparison.Ordinal);
}
