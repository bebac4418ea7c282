using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="LoginResult"/> (a plain record of the rules, which know nothing of Orleans).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.login-result")]
public readonly record struct LoginResultSurrogate(
    [property: Id(0)] string Token,
    [property: Id(1)] string UserId,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset IdleExpiresAt);
