namespace ActorScale.Lab;

/// <summary>A named step of a longer run failed; the message starts with the step (see <see cref="LabOutput.StepAsync{T}"/>).</summary>
public sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);
