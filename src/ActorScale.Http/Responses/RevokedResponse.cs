namespace ActorScale.Http.Responses;

/// <summary>How many live sessions a revoke-all ended.</summary>
public sealed record RevokedResponse(int Revoked);
