using ActorScale.Domain.Sessions;

namespace ActorScale.Baseline.Sessions;

/// <summary>The outcome of validating a JWT locally: <see cref="TokenStatus.Valid"/> with its session, else why not.</summary>
public sealed record JwtCheck(TokenStatus Status, JwtSession? Session);
