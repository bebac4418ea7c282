using System.Globalization;
using ActorScale.Domain.Sessions;
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
        await ApplyOnceAsync(token.Value, operationId, async session =>
        {
            await sessions.LogoutAsync(session);
            return 0;
        });

    public Task<int> RevokeAllAsync(BearerToken token, Guid operationId) => ApplyOnceAsync(token.Value, operationId, sessions.RevokeAllAsync);

    private async Task<int> ApplyOnceAsync(string token, Guid operationId, Func<AuthenticatedSession, Task<int>> apply)
    {
        var db = redis.GetDatabase();
        var key = RedisSessionKeys.Operation(await sessions.ClaimedUserIdAsync(token), operationId);
        if (await db.StringGetAsync(key) is { IsNull: false } done)
        {
            return (int)done;
        }

        var result = await apply(await sessions.AuthenticateAsync(token));
        await db.StringSetAsync(key, result.ToString(CultureInfo.InvariantCulture), options.Value.AbsoluteLifetime);
        return result;
    }
}
