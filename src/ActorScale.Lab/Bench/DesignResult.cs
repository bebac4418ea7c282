namespace ActorScale.Lab.Bench;

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
