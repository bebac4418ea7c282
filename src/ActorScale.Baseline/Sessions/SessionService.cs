using System.Globalization;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Baseline.Sessions;

/// <summary>
/// <see cref="ISessions"/> of a baseline server: the design checks the token; logout and revoke-all are applied once per
/// operation id, as the grain applies them. An id already applied returns its first result before the token is checked
/// (a retried logout succeeds although its token is now revoked). The applied ids live in Redis for a session's absolute
/// lifetime, the longest a retry can make sense.
/// </summary>
public sealed class SessionService(ISessionDesign sessions, IConnectionMultiplexer redis, IOptions<SessionOptions> options) : ISessions
{
    public async Task<SessionInfo> DescribeAsync(BearerToken token)
    {
        var session = await sessions.AuthenticateAsync(token.Value, countSessions: true);
        return new SessionInfo(session.UserId, session.CreatedAt, session.ExpiresAt, session.IdleExpiresAt, session.ActiveSessions);
    }

    public async Task LogoutAsync(BearerToken token, Guid operationId) =>
        await ApplyOnceAsync(token.Value, operationId, "logout", async session =>
        {
            await sessions.LogoutAsync(session);
            return 0;
        });

    public Task<int> RevokeAllAsync(BearerToken token, Guid operationId) => ApplyOnceAsync(token.Value, operationId, "revoke-all", sessions.RevokeAllAsync);

    /// <summary>
    /// Applies a session operation once per operation id, bound to the session of the token that asked (as the grain
    /// does): a replay needs the same token; the same id with another session or kind is refused after the token is
    /// checked, so an unknown token only ever learns its own 401.
    /// </summary>
    private async Task<int> ApplyOnceAsync(string token, Guid operationId, string kind, Func<AuthenticatedSession, Task<int>> apply)
    {
        var db = redis.GetDatabase();
        var intent = OperationIntent.Of(operationId, kind, await sessions.SessionIdOfAsync(token));
        var key = RedisSessionKeys.Operation(await sessions.ClaimedUserIdAsync(token), operationId);
        if (await db.StringGetAsync(key) is { IsNull: false } done)
        {
            // "{fingerprint}:{result}"; a bare result was written before fingerprints and matches any retry.
            var text = done.ToString();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || text[..colon] == intent.Fingerprint)
            {
                ActorScaleMetrics.OperationReplays.Add(1, ActorScaleMetrics.Tag("operation", kind));
                return int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture);
            }

            await sessions.AuthenticateAsync(token);
            throw OperationWindow.Reused();
        }

        var result = await apply(await sessions.AuthenticateAsync(token));
        await db.StringSetAsync(key, $"{intent.Fingerprint}:{result.ToString(CultureInfo.InvariantCulture)}", options.Value.AbsoluteLifetime);
        ActorScaleMetrics.SessionsRevoked.Add(kind == "logout" ? 1 : result, ActorScaleMetrics.Tag("reason", kind));
        return result;
    }
}
