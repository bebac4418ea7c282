using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Baseline.Sessions;

/// <summary>
/// <c>redis-session</c>: the token is opaque (the same <c>as1.{user}.{secret}</c> shape as the grains'), the session
/// is a Redis hash keyed by the SHA-256 of the secret with TTL = the idle timeout (slid by every request) and the
/// absolute expiry stored in it; a per-user sorted set serves revoke-all and the per-user cap. Logout and revoke-all
/// leave the hash as a tombstone until the absolute expiry, so a logged-out token reads TokenRevoked, not unknown.
/// An idle-expired session is gone from Redis: its token reads InvalidToken, as in any TTL-based session store.
/// </summary>
public sealed class RedisSessionDesign(IConnectionMultiplexer redis, IOptions<SessionOptions> options, TimeProvider time) : ISessionDesign
{
    private const string UserField = "u";
    private const string CreatedField = "c";
    private const string ExpiresField = "e";
    private const string RevokedField = "r";

    // KEYS: the session hashes, then the user's set; ARGV: each hash's digest. Tombstones the live ones (until their
    // absolute expiry) and drops every given digest from the set, in one atomic step; returns how many were live.
    private const string RevokeScript = """
        local n = 0
        for i = 1, #KEYS - 1 do
          local e = redis.call('HGET', KEYS[i], 'e')
          if e and redis.call('HGET', KEYS[i], 'r') ~= '1' then
            redis.call('HSET', KEYS[i], 'r', '1')
            redis.call('PEXPIREAT', KEYS[i], e)
            n = n + 1
          end
          redis.call('ZREM', KEYS[#KEYS], ARGV[i])
        end
        return n
        """;

    private readonly SessionOptions _options = options.Value;

    public async Task<LoginResult> OpenAsync(string userId)
    {
        var db = redis.GetDatabase();
        var now = time.GetUtcNow();
        var userKey = RedisSessionKeys.UserSessions(userId);

        // Oldest first; the live ones are found in one round trip, the dead dropped, the oldest beyond the cap ended.
        var digests = (await db.SortedSetRangeByRankAsync(userKey)).Select(d => d.ToString()).ToList();
        var states = await InBatchAsync(db, digests, (batch, d) => batch.HashGetAsync(RedisSessionKeys.Session(d), [ExpiresField, RevokedField]));
        var live = digests.Where((_, i) => !states[i][0].IsNull && states[i][1] != "1").ToList();
        var ended = digests.Except(live).ToList();
        ended.AddRange(live.Take(Math.Max(0, live.Count - _options.MaxSessionsPerUser + 1)));
        if (ended.Count > 0)
        {
            await RevokeAsync(db, userKey, ended);
        }

        var token = TokenSecrets.NewToken(userId);
        var digest = TokenSecrets.Digest(token.Secret);
        var created = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var expires = created + _options.AbsoluteLifetime;
        var idleExpires = Min(created + _options.IdleTimeout, expires);
        var key = RedisSessionKeys.Session(digest);
        var transaction = db.CreateTransaction();
        _ = transaction.HashSetAsync(key,
        [
            new HashEntry(UserField, userId),
            new HashEntry(CreatedField, created.ToUnixTimeMilliseconds()),
            new HashEntry(ExpiresField, expires.ToUnixTimeMilliseconds()),
        ]);
        _ = transaction.KeyExpireAsync(key, idleExpires - created);
        _ = transaction.SortedSetAddAsync(userKey, digest, created.ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(userKey, _options.AbsoluteLifetime);
        await transaction.ExecuteAsync();
        return new LoginResult(token.ToString(), userId, expires, idleExpires);
    }

    public Task<string> ClaimedUserIdAsync(string token) =>
        SessionToken.TryParse(token, out var parsed) ? Task.FromResult(parsed.UserId) : throw SessionErrors.Malformed();

    public Task<string> SessionIdOfAsync(string token) =>
        SessionToken.TryParse(token, out var parsed) ? Task.FromResult(TokenSecrets.Digest(parsed.Secret)) : throw SessionErrors.Malformed();

    public async Task<AuthenticatedSession> AuthenticateAsync(string token, bool countSessions = false)
    {
        if (!SessionToken.TryParse(token, out var parsed))
        {
            throw SessionErrors.Malformed();
        }

        var db = redis.GetDatabase();
        var digest = TokenSecrets.Digest(parsed.Secret);
        var key = RedisSessionKeys.Session(digest);
        HashEntry[] fields;
        long sessions = 0;
        if (countSessions)
        {
            // One round trip for both: the session and the user's set size.
            var batch = db.CreateBatch();
            var read = batch.HashGetAllAsync(key);
            var count = batch.SortedSetLengthAsync(RedisSessionKeys.UserSessions(parsed.UserId));
            batch.Execute();
            (fields, sessions) = (await read, await count);
        }
        else
        {
            fields = await db.HashGetAllAsync(key);
        }

        var session = fields.ToDictionary(f => f.Name.ToString(), f => f.Value);
        if (!session.TryGetValue(UserField, out var user) || user != parsed.UserId)
        {
            throw SessionErrors.Unknown();
        }

        if (session.TryGetValue(RevokedField, out var revoked) && revoked == "1")
        {
            throw SessionErrors.Revoked();
        }

        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeMilliseconds((long)session[ExpiresField]);
        if (now >= expires)
        {
            throw SessionErrors.Expired();
        }

        // Slide the idle timeout without waiting for the answer: the read is served either way.
        var idleExpires = Min(now + _options.IdleTimeout, expires);
        _ = db.KeyExpireAsync(key, idleExpires - now, flags: CommandFlags.FireAndForget);
        return new AuthenticatedSession(parsed.UserId, digest, DateTimeOffset.FromUnixTimeMilliseconds((long)session[CreatedField]), expires, idleExpires, (int)sessions);
    }

    public Task LogoutAsync(AuthenticatedSession session) =>
        RevokeAsync(redis.GetDatabase(), RedisSessionKeys.UserSessions(session.UserId), [session.SessionId]);

    public async Task<int> RevokeAllAsync(AuthenticatedSession session)
    {
        var db = redis.GetDatabase();
        var userKey = RedisSessionKeys.UserSessions(session.UserId);
        var digests = (await db.SortedSetRangeByRankAsync(userKey)).Select(d => d.ToString()).ToList();
        return digests.Count == 0 ? 0 : await RevokeAsync(db, userKey, digests);
    }

    private static async Task<int> RevokeAsync(IDatabase db, string userKey, IReadOnlyList<string> digests)
    {
        var keys = digests.Select(d => (RedisKey)RedisSessionKeys.Session(d)).Append(userKey).ToArray();
        return (int)await db.ScriptEvaluateAsync(RevokeScript, keys, [.. digests.Select(d => (RedisValue)d)]);
    }

    private static async Task<T[]> InBatchAsync<T>(IDatabase db, List<string> items, Func<IBatch, string, Task<T>> command)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var batch = db.CreateBatch();
        var tasks = items.Select(item => command(batch, item)).ToList();
        batch.Execute();
        return await Task.WhenAll(tasks);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
