namespace ActorScale.Lab.Bench;

/// <summary>One of the goals: what was measured and whether it was met (null when the run did not measure it).</summary>
public sealed record GoalResult(string Goal, string Measured, bool? Met);
