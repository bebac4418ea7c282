using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets Orleans carry <see cref="LoginResult"/> as <see cref="LoginResultSurrogate"/>.</summary>
[RegisterConverter]
public sealed class LoginResultConverter : IConverter<LoginResult, LoginResultSurrogate>
{
    /// <inheritdoc/>
    public LoginResult ConvertFromSurrogate(in LoginResultSurrogate surrogate) => new(surrogate.Token, surrogate.UserId, surrogate.ExpiresAt, surrogate.IdleExpiresAt);

    /// <inheritdoc/>
    public LoginResultSurrogate ConvertToSurrogate(in LoginResult value) => new(value.Token, value.UserId, value.ExpiresAt, value.IdleExpiresAt);
}
