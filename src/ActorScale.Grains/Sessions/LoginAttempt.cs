using ActorScale.Abstractions.Errors;
using ActorScale.Abstractions.Sessions;

namespace ActorScale.Grains.Sessions;

/// <summary>A login that either opened a session or failed after changing the failure counter.</summary>
public sealed record LoginAttempt(LoginResult? Result, ActorScaleException? Error);
