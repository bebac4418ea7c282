using ActorScale.Domain.Errors;

namespace ActorScale.Abstractions.Wire;

/// <summary>The wire form of <see cref="ActorScaleException"/>: its code and its one-line message (no stack trace).</summary>
[GenerateSerializer, Immutable, Alias("actorscale.error")]
public readonly record struct ActorScaleErrorSurrogate(
    [property: Id(0)] ActorScaleErrorCode Code,
    [property: Id(1)] string Message,
    [property: Id(2)] TimeSpan? RetryAfter = null);
