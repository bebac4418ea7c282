using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;

namespace ActorScale.Domain.Sessions;

/// <summary>A login that either opened a session or failed after changing the failure counter.</summary>
public sealed record LoginAttempt(LoginResult? Result, ActorScaleException? Error);
