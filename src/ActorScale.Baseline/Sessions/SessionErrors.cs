using ActorScale.Abstractions.Errors;

namespace ActorScale.Baseline.Sessions;

/// <summary>The token refusals, worded as the grains word them.</summary>
public static class SessionErrors
{
    public static ActorScaleException Malformed() => new(ActorScaleErrorCode.InvalidToken, "the bearer token is malformed");

    public static ActorScaleException Unknown() => new(ActorScaleErrorCode.InvalidToken, "the token is not known");

    public static ActorScaleException Expired() => new(ActorScaleErrorCode.TokenExpired, "the session has expired: log in again");

    public static ActorScaleException Revoked() => new(ActorScaleErrorCode.TokenRevoked, "the session was logged out or revoked: log in again");
}
