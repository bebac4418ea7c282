namespace ActorScale.Domain.Sessions;

/// <summary>What <see cref="TokenSigner.Check"/> found a token's text to be.</summary>
/// <param name="IsToken">The text has a token's shape (<see cref="SessionToken.TryParse"/>).</param>
/// <param name="IsIssued">Its MAC verifies under one of the signer's keys.</param>
/// <param name="Token">The parsed token when <paramref name="IsToken"/>.</param>
public readonly record struct TokenVerdict(bool IsToken, bool IsIssued, SessionToken Token);
