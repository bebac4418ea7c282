namespace ActorScale.Domain.Sessions;

/// <summary>What a session's owner may see of it.</summary>
/// <param name="UserId">The user.</param>
/// <param name="CreatedAt">When this session logged in.</param>
/// <param name="ExpiresAt">The end of its absolute lifetime.</param>
/// <param name="IdleExpiresAt">When it ends if unused.</param>
/// <param name="ActiveSessions">How many live sessions the user has.</param>
public sealed record SessionInfo(
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset IdleExpiresAt,
    int ActiveSessions);
