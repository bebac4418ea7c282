namespace ActorScale.Lab.Cluster;

/// <summary>A backing server's health.</summary>
public sealed record ServiceHealth(string Endpoint, int Pid, bool Healthy, string Detail);
