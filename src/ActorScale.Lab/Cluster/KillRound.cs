namespace ActorScale.Lab.Cluster;

/// <summary>One SIGKILL and how long the grain it hosted was unavailable.</summary>
public sealed record KillRound(int Round, string Silo, double RecoverySeconds, int FailedAttempts, string MovedTo);
