namespace ActorScale.Lab;

/// <summary>
/// One moment of a long run, for a live view (<see cref="ILabOutput.LiveAsync{T}"/>): a title, one row of named figures
/// and the latest events, newest last. Every text is markup.
/// </summary>
public sealed record LabProgress(string Title, IReadOnlyList<LabFigure> Figures, IReadOnlyList<string> Events);
