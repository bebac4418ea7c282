namespace ActorScale.Lab.Bench;

/// <summary>A request that was not served (an HTTP status other than the expected one, or a grain error).</summary>
public sealed class BenchCallException(string message, Exception? inner = null) : Exception(message, inner);
