namespace ActorScale.Lab;

/// <summary>
/// The caller asked for something impossible (no cluster running, an unknown silo, a setting out of range, no token
/// stored...): fixed by asking differently, not by retrying. The console reports it as a usage error (exit code 2).
/// </summary>
public sealed class UsageException(string message) : Exception(message);
