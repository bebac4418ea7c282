namespace ActorScale.Client.Output;

/// <summary>The command line asks for something impossible (no token stored, missing password...).</summary>
public sealed class UsageException(string message) : Exception(message);
