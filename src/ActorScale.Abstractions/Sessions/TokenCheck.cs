using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Sessions;

/// <summary>The result of <see cref="IUserSessionGrain.ValidateAsync"/>.</summary>
/// <param name="Status">Valid, or why not.</param>
/// <param name="UserId">The session's user when valid.</param>
/// <param name="ExpiresAt">When the session ends at the latest (absolute lifetime) when valid.</param>
/// <param name="IdleExpiresAt">When the session ends if unused (sliding idle timeout) when valid.</param>
[GenerateSerializer, Immutable, Alias("actorscale.token-check")]
public sealed record TokenCheck(
    [property: Id(0)] TokenStatus Status,
    [property: Id(1)] string? UserId,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] DateTimeOffset? IdleExpiresAt)
{
    /// <summary>True when the session is live.</summary>
    public bool IsValid => Status == TokenStatus.Valid;
}
