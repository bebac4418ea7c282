using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="SessionInfo"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.session-info")]
public readonly record struct SessionInfoSurrogate(
    [property: Id(0)] string UserId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset IdleExpiresAt,
    [property: Id(4)] int ActiveSessions);
