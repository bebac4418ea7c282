using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="SessionInfo"/> as <see cref="SessionInfoSurrogate"/>.</summary>
[RegisterConverter]
public sealed class SessionInfoConverter : IConverter<SessionInfo, SessionInfoSurrogate>
{
    /// <inheritdoc/>
    public SessionInfo ConvertFromSurrogate(in SessionInfoSurrogate surrogate) => new(surrogate.UserId, surrogate.CreatedAt, surrogate.ExpiresAt, surrogate.IdleExpiresAt, surrogate.ActiveSessions);

    /// <inheritdoc/>
    public SessionInfoSurrogate ConvertToSurrogate(in SessionInfo value) => new(value.UserId, value.CreatedAt, value.ExpiresAt, value.IdleExpiresAt, value.ActiveSessions);
}
