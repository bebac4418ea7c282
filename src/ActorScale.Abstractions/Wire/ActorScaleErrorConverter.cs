using ActorScale.Domain.Errors;

namespace ActorScale.Abstractions.Wire;

/// <summary>Lets a rejection thrown in a grain reach the caller as the same <see cref="ActorScaleException"/>, code included.</summary>
[RegisterConverter]
public sealed class ActorScaleErrorConverter : IConverter<ActorScaleException, ActorScaleErrorSurrogate>
{
    /// <inheritdoc/>
    public ActorScaleException ConvertFromSurrogate(in ActorScaleErrorSurrogate surrogate) => new(surrogate.Code, surrogate.Message, surrogate.RetryAfter);

    /// <inheritdoc/>
    public ActorScaleErrorSurrogate ConvertToSurrogate(in ActorScaleException value) => new(value.Code, value.Message, value.RetryAfter);
}
