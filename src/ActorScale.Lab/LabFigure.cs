namespace ActorScale.Lab;

/// <summary>One figure of a <see cref="LabProgress"/>: its column name and its current value (markup).</summary>
public sealed record LabFigure(string Name, string Value);
