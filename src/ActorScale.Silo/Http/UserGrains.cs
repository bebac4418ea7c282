using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Validation;
using ActorScale.Grains.Users;
using ActorScale.Http.Contract;
using Orleans.Metadata;

namespace ActorScale.Silo.Http;

/// <summary>
/// Finds the user grain a request is about: the user named in a login body, or the user a bearer token claims (its
/// <c>as1.{user}.{secret}.{keyId}.{mac}</c> format says which grain to ask). A token whose MAC does not verify under the
/// cluster's token keys is refused here, before any grain call: a forged token costs no activation and no storage read.
/// Whether the session is live is the grain's to say, on every call. Every call made through here is marked with this
/// silo as its front door (<see cref="FrontDoor"/>), so a grain living elsewhere knows to follow its user here.
/// </summary>
public sealed class UserGrains(IGrainFactory grains, ILocalSiloDetails local, TokenSigner tokens, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver types)
{
    // Resolved once: GetGrain<T>(key) works the interface's type name out again on every call (2 % of a silo's CPU
    // under the cart read, profiled), and every request here makes a reference.
    private readonly GrainInterfaceType _sessions = interfaces.GetGrainInterfaceType(typeof(IUserSessionGrain));
    private readonly GrainInterfaceType _carts = interfaces.GetGrainInterfaceType(typeof(ICartGrain));
    private readonly GrainType _user = types.GetGrainType(interfaces.GetGrainInterfaceType(typeof(IUserSessionGrain)));

    /// <summary>The grain of a user id from a request body, after the user id rule: a malformed id never activates a grain.</summary>
    public IUserSessionGrain Account(string? userId)
    {
        var key = UserKey.For(userId ?? "");
        InputRules.RequireUserId(UserKey.UserIdOf(key));
        FrontDoor.Set(local.SiloAddress);
        return Reference<IUserSessionGrain>(key, _sessions);
    }

    /// <summary>The session side of the grain the token claims to belong to.</summary>
    public IUserSessionGrain Sessions(BearerToken token) => Reference<IUserSessionGrain>(KeyOf(token), _sessions);

    /// <summary>The cart side of the grain the token claims to belong to.</summary>
    public ICartGrain Cart(BearerToken token) => Reference<ICartGrain>(KeyOf(token), _carts);

    /// <summary>The user a token claims to belong to, or <c>InvalidToken</c> for a token not of our format.</summary>
    public static string ClaimedUser(BearerToken token) =>
        SessionToken.TryParse(token.Value, out var parsed) ? parsed.UserId : throw SessionErrors.Malformed();

    /// <summary>The user of a token this cluster issued, or <c>InvalidToken</c>: malformed, or its MAC does not verify.</summary>
    public string IssuedUser(BearerToken token) => tokens.Check(token.Value) switch
    {
        { IsToken: false } => throw SessionErrors.Malformed(),
        { IsIssued: false } => throw SessionErrors.NotIssued(),
        var issued => issued.Token.UserId,
    };

    private T Reference<T>(string key, GrainInterfaceType face) => (T)grains.GetGrain(GrainId.Create(_user, IdSpan.Create(key)), face);

    private string KeyOf(BearerToken token)
    {
        var key = UserKey.For(IssuedUser(token));
        FrontDoor.Set(local.SiloAddress);
        return key;
    }
}
