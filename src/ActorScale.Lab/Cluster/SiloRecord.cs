namespace ActorScale.Lab.Cluster;

/// <summary>One silo process of the local cluster; <paramref name="HttpPort"/> 0 when its HTTP API is off (a record of an older launcher).</summary>
public sealed record SiloRecord(string Name, int SiloPort, int GatewayPort, int Pid, string LogFile, int HttpPort = 0)
{
    /// <summary>Its management port (Prometheus metrics at <c>/metrics</c>); 0 when none (a record of an older launcher).</summary>
    public int MetricsPort { get; init; }
}
