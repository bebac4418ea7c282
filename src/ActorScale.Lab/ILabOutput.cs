namespace ActorScale.Lab;

/// <summary>
/// Where the lab reports progress: the console shows it to a person, tests and quiet runs use <see cref="LabOutput.Null"/>.
/// Lines are Spectre.Console-style markup (<c>[grey]...[/]</c>); text from outside is escaped with <see cref="LabMarkup.Escape"/>.
/// </summary>
public interface ILabOutput
{
    /// <summary>True where the output can redraw in place (a terminal, not JSON): a long run may then show a live view.</summary>
    bool Interactive { get; }

    /// <summary>One line of progress for a person (markup); an output without a person drops it.</summary>
    void Say(string markup);

    /// <summary>
    /// Runs <paramref name="work"/> while a spinner titled <paramref name="title"/> turns, where the output can show one;
    /// elsewhere it just runs it. Naming, timing and failures of a step are <see cref="LabOutput.StepAsync{T}"/>'s.
    /// </summary>
    Task<T> SpinAsync<T>(string title, Func<Task<T>> work);

    /// <summary>
    /// Runs <paramref name="work"/> while a live view, redrawn in place, shows what <paramref name="progress"/> returns
    /// at that moment; where the output cannot redraw it just runs it.
    /// </summary>
    Task<T> LiveAsync<T>(Func<LabProgress> progress, Func<Task<T>> work);
}
