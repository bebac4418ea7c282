namespace ActorScale.Http.Contract;

/// <summary>
/// A cheap check, before any store is asked, that a bearer token could have been issued by this server (the silos: its
/// MAC verifies under the cluster key). Rate limits count a request against the token's user only when it passes, so
/// forged tokens that name a victim cannot spend the victim's allowance. A server without one counts every token.
/// </summary>
public interface ITokenScreen
{
    /// <summary>True when <paramref name="token"/> may be genuine; false when it certainly was never issued.</summary>
    bool MayBeIssued(string token);
}
