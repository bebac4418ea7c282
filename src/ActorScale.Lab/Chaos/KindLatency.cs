namespace ActorScale.Lab.Chaos;

/// <summary>Latency of one kind of acknowledged operation in a chaos run, from the first attempt to the acknowledgement.</summary>
public sealed record KindLatency(int Count, double P50Ms, double P99Ms, double MaxMs);
