namespace ActorScale.Lab.Bench;

/// <summary>One statement's calls per request in a window (its text shortened).</summary>
public sealed record StatementUse(StatementKind Kind, double PerRequest, string Query);
