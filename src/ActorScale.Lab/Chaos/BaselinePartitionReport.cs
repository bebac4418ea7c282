namespace ActorScale.Lab.Chaos;

/// <summary>The partition questions asked of a stateless design (<c>chaos --mode partition --design …</c>).</summary>
/// <param name="Design">The baseline design.</param>
/// <param name="Servers">How many servers ran.</param>
/// <param name="Partition">What the probe saw of the server it asked.</param>
/// <param name="Note">How the cut applies to this design.</param>
public sealed record BaselinePartitionReport(string Design, int Servers, PartitionStats Partition, string Note)
{
    public bool Passed => Partition.Findings.Count == 0;
}
