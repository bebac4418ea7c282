namespace ActorScale.Abstractions.Sessions;

/// <summary>A new session.</summary>
/// <param name="Token">The bearer token; shown once, never stored by the silo.</param>
/// <param name="UserId">The normalized user id.</param>
/// <param name="ExpiresAt">The end of the session's absolute lifetime.</param>
/// <param name="IdleExpiresAt">When the session ends if unused.</param>
[GenerateSerializer, Immutable, Alias("actorscale.login-result")]
public sealed record LoginResult(
    [property: Id(0)] string Token,
    [property: Id(1)] string UserId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset IdleExpiresAt);
