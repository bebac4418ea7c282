namespace ActorScale.Client.Profiles;

/// <summary>What <c>user login</c> remembers for later commands.</summary>
public sealed record LoginProfile(string UserId, string Token, DateTimeOffset ExpiresAt);
