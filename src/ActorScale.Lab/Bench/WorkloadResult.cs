namespace ActorScale.Lab.Bench;

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

    /// <summary>The share of answers the balancer's edge cache served (<c>X-Cache-Status: HIT</c>); null where the target cannot tell.</summary>
    public double? EdgeCacheHitShare { get; init; }

    /// <summary>Throughput divided by the floor's (<c>noop</c>) under the same workload in the same run: the share of the most this HTTP stack serves.</summary>
    public double? ThroughputVsFloor { get; init; }

    /// <summary>The statements the servers sent most in the window, per request.</summary>
    public IReadOnlyList<StatementUse> TopStatements { get; init; } = [];

    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
}
