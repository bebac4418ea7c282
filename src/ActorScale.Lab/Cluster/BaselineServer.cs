namespace ActorScale.Lab.Cluster;

/// <summary>One running baseline server: its design, PID (trusted only while it still runs ActorScale.Baseline), port and log.</summary>
public sealed record BaselineServer(string Name, string Design, int Pid, int HttpPort, string LogFile)
{
    public Uri Address => new(LocalCluster.HttpAddress(HttpPort));

    /// <summary>Its management port (Prometheus metrics at <c>/metrics</c>); 0 when none.</summary>
    public int MetricsPort { get; init; }
}
