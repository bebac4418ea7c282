namespace ActorScale.Lab.Chaos;

/// <summary>The ledger check's verdict, with the partition probe's findings: every count must be zero.</summary>
public sealed record CheckResult(
    int Lost,
    int Duplicated,
    int Resurrected,
    int StaleReads,
    int LostSessions,
    int UnissuedValid,
    int Unresolved,
    IReadOnlyList<string> Violations,
    int RevokedAcceptedInPartitions = 0,
    int StaleReadsInPartitions = 0)
{
    public bool Passed => Lost + Duplicated + Resurrected + StaleReads + LostSessions + UnissuedValid + Unresolved + RevokedAcceptedInPartitions + StaleReadsInPartitions == 0;
}
