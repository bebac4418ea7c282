namespace ActorScale.Client.Output;

/// <summary>A named step of a longer command failed; the message starts with the step.</summary>
public sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);
