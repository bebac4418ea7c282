namespace ActorScale.Client.Cluster;

/// <summary>One silo process of the local cluster.</summary>
public sealed record SiloRecord(string Name, int SiloPort, int GatewayPort, int Pid, string LogFile);
