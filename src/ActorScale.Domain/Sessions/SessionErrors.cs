using ActorScale.Domain.Errors;

namespace ActorScale.Domain.Sessions;

/// <summary>The refusals of a login or a token, worded once for the grains and the stateless baseline alike.</summary>
public static class SessionErrors
{
    public static ActorScaleException Malformed() => new(ActorScaleErrorCode.InvalidToken, "the bearer token is malformed");

    /// <summary>A token whose MAC does not verify under any token key of the cluster: forged, altered, or signed with a retired key.</summary>
    public static ActorScaleException NotIssued() => new(ActorScaleErrorCode.InvalidToken, "the token was not issued by this cluster");

    public static ActorScaleException Unknown() => new(ActorScaleErrorCode.InvalidToken, "the token is not known");

    public static ActorScaleException Expired() => new(ActorScaleErrorCode.TokenExpired, "the session has expired: log in again");

    public static ActorScaleException Revoked() => new(ActorScaleErrorCode.TokenRevoked, "the session was logged out or revoked: log in again");

    public static ActorScaleException OtherUser() => new(ActorScaleErrorCode.Forbidden, "the token belongs to another user");

    /// <summary>Unknown user or wrong password: deliberately one answer for both.</summary>
    public static ActorScaleException InvalidCredentials() => new(ActorScaleErrorCode.InvalidCredentials, "unknown user or wrong password");

    public static ActorScaleException UserExists() => new(ActorScaleErrorCode.UserExists, "user is already registered");

    /// <summary>The refusal of a token whose status is not <see cref="TokenStatus.Valid"/>.</summary>
    public static ActorScaleException For(TokenStatus status) => status switch
    {
        TokenStatus.Expired => Expired(),
        TokenStatus.Revoked => Revoked(),
        _ => Unknown(),
    };
}
