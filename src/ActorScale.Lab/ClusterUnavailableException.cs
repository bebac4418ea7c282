namespace ActorScale.Lab;

/// <summary>No gateway could be reached, or a cluster step failed.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
