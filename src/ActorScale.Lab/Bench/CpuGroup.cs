namespace ActorScale.Lab.Bench;

/// <summary>A named set of process trees whose CPU time is counted together: "servers", "redis", "postgres", "nginx".</summary>
public sealed record CpuGroup(string Name, IReadOnlyList<int> Pids);
