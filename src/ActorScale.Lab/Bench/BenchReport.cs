namespace ActorScale.Lab.Bench;

/// <summary>Everything one <c>actorscale bench</c> run measured; written as report.json, report.md and the charts.</summary>
public sealed record BenchReport
{
    public DateTimeOffset StartedAt { get; init; }

    public double RunSeconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required BenchSettings Settings { get; init; }

    public required IReadOnlyList<DesignResult> Designs { get; init; }

    public IReadOnlyList<GoalResult> Goals { get; init; } = [];

    public string? MarkdownFile { get; init; }

    public string? JsonFile { get; init; }

    public IReadOnlyList<string> Charts { get; init; } = [];

    public DesignResult? Find(string design) => Designs.FirstOrDefault(d => d.Design == design);
}

/// <summary>One design: what ran, its token's size, its revocation lag and a result per workload.</summary>
public sealed record DesignResult(
    string Design,
    string Description,
    int Servers,
    int TokenBytes,
    RevocationResult Revocation,
    IReadOnlyList<WorkloadResult> Workloads)
{
    public WorkloadResult? Find(string workload) => Workloads.FirstOrDefault(w => w.Workload == workload);
}

/// <summary>
/// One design under one workload, over the measured window. "Per request" figures divide by requests served; store
/// figures count every Redis command and every PostgreSQL statement of the servers in the window (background work included).
/// </summary>
public sealed record WorkloadResult
{
    public required string Workload { get; init; }

    public long Requests { get; init; }

    public long Errors { get; init; }

    public double Seconds { get; init; }

    /// <summary>Requests served per second.</summary>
    public double Throughput { get; init; }

    public required Latency Latency { get; init; }

    public double? RedisCommandsPerRequest { get; init; }

    /// <summary>Every statement (reads, writes, BEGIN/COMMIT); null without pg_stat_statements.</summary>
    public double? PostgresStatementsPerRequest { get; init; }

    public double? PostgresReadsPer1000Requests { get; init; }

    public double? PostgresWritesPerRequest { get; init; }

    /// <summary>CPU seconds of the servers, Redis, PostgreSQL and the load balancer per 1 000 requests served.</summary>
    public double CpuSecondsPer1000Requests { get; init; }

    public IReadOnlyDictionary<string, double> CpuSecondsPer1000ByProcess { get; init; } = new Dictionary<string, double>();

    /// <summary>The load generator's own CPU (this process), not in the total.</summary>
    public double LoadGeneratorCpuSecondsPer1000Requests { get; init; }

    /// <summary>Throughput divided by redis-session's under the same workload in the same run.</summary>
    public double? ThroughputVsRedisSession { get; init; }

    /// <summary>p99 latency divided by redis-session's under the same workload in the same run.</summary>
    public double? P99VsRedisSession { get; init; }

    /// <summary>The statements the servers sent most in the window, per request.</summary>
    public IReadOnlyList<StatementUse> TopStatements { get; init; } = [];

    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}

/// <summary>
/// Revocation lag: after a revoke-all is acknowledged, each server is asked until it refuses the token. 0 means the first
/// request after the acknowledgement was refused by every server; null means some server still accepted the token when
/// the window ended (it stays valid until it expires).
/// </summary>
public sealed record RevocationResult(int Samples, int Servers, int RefusedEverywhere, double? MedianLagMs, double? MaxLagMs, double WindowSeconds)
{
    public string Summary => Samples == 0
        ? "not measured"
        : RefusedEverywhere < Samples
            ? $"never within {WindowSeconds:0.#} s ({Samples - RefusedEverywhere}/{Samples} revoked tokens still accepted: valid until they expire)"
            : MaxLagMs == 0
                ? $"0 ms (every server refused on the first request after the acknowledgement, {Samples} revocations)"
                : $"median {MedianLagMs:0.#} ms, max {MaxLagMs:0.#} ms ({Samples} revocations)";
}

/// <summary>The machine and the versions of everything that ran.</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Dotnet, string Orleans, string Redis, string Postgres, string Nginx)
{
    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {MemoryGiB:0} GiB, {Os}; {Dotnet}, Orleans {Orleans}, Redis {Redis}, PostgreSQL {Postgres}, nginx {Nginx}";
}

/// <summary>One of the goals: what was measured and whether it was met (null when the run did not measure it).</summary>
public sealed record GoalResult(string Goal, string Measured, bool? Met);
