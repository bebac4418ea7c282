using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Validation;
using ActorScale.Grains.Users;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary>
/// Finds the user grain a request is about: the user named in a login body, or the user a bearer token claims (its
/// <c>as1.{user}.{secret}.{keyId}.{mac}</c> format says which grain to ask). A token whose MAC does not verify under the
/// cluster's token keys is refused here, before any grain call: a forged token costs no activation and no storage read.
/// Whether the session is live is the grain's to say, on every call. Every call made through here is marked with this
/// silo as its front door (<see cref="FrontDoor"/>), so a grain living elsewhere knows to follow its user here.
/// </summary>
public sealed class UserGrains(IGrainFactory grains, ILocalSiloDetails local, TokenSigner tokens)
{
    /// <summary>The grain of a user id from a request body, after the user id rule: a malformed id never activates a grain.</summary>
    public IUserSessionGrain Account(string? userId)
    {
        var key = UserKey.For(userId ?? "");
        InputRules.RequireUserId(UserKey.UserIdOf(key));
        FrontDoor.Set(local.SiloAddress);
        return grains.GetGrain<IUserSessionGrain>(key);
    }

    /// <summary>The session side of the grain the token claims to belong to.</summary>
    public IUserSessionGrain Sessions(BearerToken token) => grains.GetGrain<IUserSessionGrain>(KeyOf(token));

    /// <summary>The cart side of the grain the token claims to belong to.</summary>
    public ICartGrain Cart(BearerToken token) => grains.GetGrain<ICartGrain>(KeyOf(token));

    /// <summary>The user a token claims to belong to, or <c>InvalidToken</c> for a token not of our format.</summary>
    public static string ClaimedUser(BearerToken token) =>
        SessionToken.TryParse(token.Value, out var parsed) ? parsed.UserId : throw SessionErrors.Malformed();

    /// <summary>The user of a token this cluster issued, or <c>InvalidToken</c>: malformed, or its MAC does not verify.</summary>
    public string IssuedUser(BearerToken token)
    {
        if (!SessionToken.TryParse(token.Value, out var parsed))
        {
            throw SessionErrors.Malformed();
        }

        return tokens.Verify(parsed) ? parsed.UserId : throw SessionErrors.NotIssued();
    }

    private string KeyOf(BearerToken token)
    {
        var key = UserKey.For(IssuedUser(token));
        FrontDoor.Set(local.SiloAddress);
        return key;
    }
}
