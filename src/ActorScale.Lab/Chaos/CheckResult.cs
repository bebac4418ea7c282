namespace ActorScale.Lab.Chaos;

/// <summary>The ledger check's verdict: every count must be zero.</summary>
public sealed record CheckResult(
    int Lost,
    int Duplicated,
    int Resurrected,
    int StaleReads,
    int LostSessions,
    int UnissuedValid,
    int Unresolved,
    IReadOnlyList<string> Violations)
{
    public bool Passed => Lost + Duplicated + Resurrected + StaleReads + LostSessions + UnissuedValid + Unresolved == 0;
}
