using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary>The silo's <see cref="ITokenScreen"/>: a token may be genuine only when its MAC verifies under the cluster's token keys.</summary>
public sealed class SignedTokenScreen(TokenSigner tokens) : ITokenScreen
{
    public bool MayBeIssued(string token) => tokens.Check(token).IsIssued;
}
