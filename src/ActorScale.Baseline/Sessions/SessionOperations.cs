using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SessionOptions = ActorScale.Grains.Sessions.SessionOptions;

namespace ActorScale.Baseline.Sessions;

/// <summary>
/// Logout and revoke-all under an operation id, as the grain does them: an id already applied returns its first result
/// before the token is checked (a retried logout succeeds although its token is now revoked). The applied ids live in
/// Redis for a session's absolute lifetime, the longest a retry can make sense.
/// </summary>
public sealed class SessionOperations(ISessionDesign sessions, IConnectionMultiplexer redis, IOptions<SessionOptions> options)
{
    public async Task LogoutAsync(string token, Guid operationId) =>
        await ApplyOnceAsync(token, operationId, async session =>
        {
            await sessions.LogoutAsync(session);
            return 0;
        });

    public Task<int> RevokeAllAsync(string token, Guid operationId) => ApplyOnceAsync(token, operationId, sessions.RevokeAllAsync);

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
