namespace ActorScale.Lab.Chaos;

/// <summary>
/// One answer a cut-off server should not have given: a token accepted after its logout was acknowledged elsewhere
/// (<c>revoked-token-accepted</c>), or a cart older than a write acknowledged elsewhere (<c>stale-read</c>).
/// </summary>
/// <param name="Kind"><c>revoked-token-accepted</c> or <c>stale-read</c>.</param>
/// <param name="User">The probe user.</param>
/// <param name="Server">The server that answered.</param>
/// <param name="SecondsAfterAck">How long after the acknowledgement it answered so.</param>
/// <param name="Detail">What it answered.</param>
public sealed record PartitionFinding(string Kind, string User, string Server, double SecondsAfterAck, string Detail);
