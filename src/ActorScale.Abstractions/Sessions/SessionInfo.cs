namespace ActorScale.Abstractions.Sessions;

/// <summary>What a session's owner may see of it.</summary>
/// <param name="UserId">The user.</param>
/// <param name="CreatedAt">When this session logged in.</param>
/// <param name="ExpiresAt">The end of its absolute lifetime.</param>
/// <param name="IdleExpiresAt">When it ends if unused.</param>
/// <param name="ActiveSessions">How many live sessions the user has.</param>
[GenerateSerializer, Immutable, Alias("actorscale.session-info")]
public sealed record SessionInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset IdleExpiresAt,
    [property: Id(4)] int ActiveSessions);
