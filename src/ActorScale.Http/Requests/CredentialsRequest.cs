namespace ActorScale.Http.Requests;

/// <summary>The body of register and login. Missing members are treated as empty, so the grain's rules name them.</summary>
public sealed record CredentialsRequest(string? UserId, string? Password);
