namespace ActorScale.Lab.Bench;

/// <summary>A user the workloads act as: a live token and the SKUs already in the cart.</summary>
public sealed record BenchUser(string UserId, string Token, IReadOnlyList<string> Skus);
