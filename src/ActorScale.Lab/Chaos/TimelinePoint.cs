namespace ActorScale.Lab.Chaos;

/// <summary>One second of the run.</summary>
public sealed record TimelinePoint(int Second, long Acknowledged, long FailedAttempts);
