using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;

namespace ActorScale.Abstractions.Sessions;

/// <summary>
/// One user's account and sessions; keyed by <see cref="UserKey.For"/>. The grain is the single source of truth:
/// a logout or revocation is in force on every silo as soon as the call returns. Every mutation is durable before
/// it returns; rejections throw <see cref="ActorScaleException"/> and change nothing.
/// </summary>
public interface IUserSessionGrain : IGrainWithStringKey, ILocatableGrain
{
    /// <summary>Creates the account. Idempotent per <paramref name="operationId"/>; fails with <see cref="ActorScaleErrorCode.UserExists"/> otherwise.</summary>
    Task RegisterAsync(string password, Guid operationId);

    /// <summary>Opens a new session and returns its token; a caller without a client address (a console, a tool) is throttled as one address.</summary>
    /// <remarks>Not keyed by an operation id: replaying a login would need the token's secret, which is never stored.</remarks>
    Task<LoginResult> LoginAsync(string password);

    /// <summary>
    /// Opens a new session and returns its token. Failed attempts are throttled per <paramref name="clientAddress"/>
    /// (<see cref="ActorScaleErrorCode.TooManyRequests"/> with a retry time): they never lock the account, so the right
    /// password from another address still logs in. An unknown user costs the same hash and gets the same
    /// <see cref="ActorScaleErrorCode.InvalidCredentials"/> as a wrong password.
    /// </summary>
    Task<LoginResult> LoginAsync(string password, string? clientAddress);

    /// <summary>Checks a token; never throws for a bad token. A valid check extends the idle timeout.</summary>
    Task<TokenCheck> ValidateAsync(string token);

    /// <summary>Describes the token's session; throws for a token that is not valid.</summary>
    Task<SessionInfo> WhoAmIAsync(string token);

    /// <summary>Ends the token's session. Idempotent per <paramref name="operationId"/>.</summary>
    Task LogoutAsync(string token, Guid operationId);

    /// <summary>Ends every session of the user, this one included; returns how many were live. Idempotent per <paramref name="operationId"/>.</summary>
    Task<int> RevokeAllAsync(string token, Guid operationId);
}
