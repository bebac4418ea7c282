namespace ActorScale.Lab.Chaos;

/// <summary>Everything a chaos run reports (the JSON file and <c>--json</c>).</summary>
public sealed record ChaosReport
{
    public required ChaosSettings Settings { get; init; }

    public required int Silos { get; init; }

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

    public required int StaleWriterConflictsInSiloLogs { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    public required CheckResult Check { get; init; }

    public string? ReportFile { get; init; }

    public string? TimelinePng { get; init; }
}

/// <summary>
/// Per silo fault (kill, graceful, freeze): seconds from the fault to the first successful call on a grain that lived
/// on that silo; the eviction time of frozen silos; and the longest load operation (all retries) that a fault hit.
/// </summary>
public sealed record RecoveryStats(int Faults, double P50, double P99, double Max, double? MaxFreezeEvictionSeconds, double LongestAffectedOperationSeconds);

/// <summary>One second of the run.</summary>
public sealed record TimelinePoint(int Second, long Acknowledged, long FailedAttempts);
