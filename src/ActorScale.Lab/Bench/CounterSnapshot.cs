namespace ActorScale.Lab.Bench;

/// <summary>Counters at one moment: Redis calls per command, PostgreSQL calls per statement, CPU seconds per process group, and this process's CPU.</summary>
public sealed record CounterSnapshot(
    IReadOnlyDictionary<string, long> RedisCalls,
    IReadOnlyDictionary<long, (string Query, long Calls)> Statements,
    IReadOnlyDictionary<string, double> CpuSeconds,
    double LoadGeneratorCpuSeconds);
