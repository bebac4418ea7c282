namespace ActorScale.Lab.Chaos;

/// <summary>Everything a chaos run reports (the JSON file and <c>--json</c>).</summary>
public sealed record ChaosReport
{
    public required ChaosSettings Settings { get; init; }

    public required int Silos { get; init; }

    /// <summary>When second 0 of the run was (every <c>At</c> counts from it).</summary>
    public DateTimeOffset StartedAt { get; init; }

    public required double RunSeconds { get; init; }

    public required IReadOnlyDictionary<string, int> OperationsByOutcome { get; init; }

    public required IReadOnlyDictionary<string, int> OperationsByKind { get; init; }

    public required double FirstTrySuccessRate { get; init; }

    public required double SuccessAfterRetryRate { get; init; }

    public required long FailedAttempts { get; init; }

    public required double ThroughputPerSecond { get; init; }

    public required IReadOnlyList<FaultEvent> Faults { get; init; }

    public required RecoveryStats Recovery { get; init; }

    public required IReadOnlyList<OutageStats> Outages { get; init; }

    public IReadOnlyList<PartitionStats> Partitions { get; init; } = [];

    public IReadOnlyList<ChangeStats> Changes { get; init; } = [];

    /// <summary>Failed attempts by operation and error (<c>Add: Unavailable</c>): where the retries came from.</summary>
    public IReadOnlyDictionary<string, long> FailedAttemptsByError { get; init; } = new Dictionary<string, long>();

    /// <summary>Latency of the acknowledged operations of each kind, retries included.</summary>
    public IReadOnlyDictionary<string, KindLatency> LatencyByKind { get; init; } = new Dictionary<string, KindLatency>();

    /// <summary>The flood's answers and costs, with <c>--flood</c>.</summary>
    public FloodStats? Flood { get; init; }

    public required int StaleWriterConflictsInSiloLogs { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    public required CheckResult Check { get; init; }

    public string? ReportFile { get; init; }

    public string? TimelinePng { get; init; }
}
