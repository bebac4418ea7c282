using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Baseline.Sessions;

/// <summary>
/// <c>jwt</c> and <c>jwt-denylist</c>: the session travels in a signed JWT that every server validates locally. Both
/// keep a per-user set of issued <c>jti</c> in Redis at login (to count sessions and cap them), never per request.
/// With <paramref name="denylist"/>, every request also asks Redis in one round trip whether the <c>jti</c> is
/// denylisted or older than the user's revoke-all "not before"; logout and revoke-all write those entries. Without
/// it nothing can be revoked: logout answers 204 and the token keeps working until it expires, and revoke-all ends
/// nothing (it answers 0). Neither design has an idle timeout: a JWT cannot slide.
/// </summary>
public sealed class JwtSessionDesign(bool denylist, JwtTokens tokens, IConnectionMultiplexer redis, IOptions<SessionOptions> options, TimeProvider time) : ISessionDesign
{
    private readonly SessionOptions _options = options.Value;

    public async Task<LoginResult> OpenAsync(string userId)
    {
        var db = redis.GetDatabase();
        var now = time.GetUtcNow();
        var created = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var expires = JwtTokens.ExpiryOf(created, _options.AbsoluteLifetime);
        var issuedKey = DenylistKeys.Issued(userId);

        await db.SortedSetRemoveRangeByScoreAsync(issuedKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds());
        var live = await db.SortedSetRangeByRankWithScoresAsync(issuedKey);
        var evicted = live.Take(Math.Max(0, live.Length - _options.MaxSessionsPerUser + 1)).ToList();
        var id = Guid.NewGuid().ToString("N");
        var transaction = db.CreateTransaction();
        foreach (var old in evicted)
        {
            if (denylist && DenylistKeys.TokenTtl(DateTimeOffset.FromUnixTimeMilliseconds((long)old.Score), now) is { } ttl)
            {
                _ = transaction.StringSetAsync(DenylistKeys.Token(old.Element.ToString()), "1", ttl);
            }

            _ = transaction.SortedSetRemoveAsync(issuedKey, old.Element);
        }

        _ = transaction.SortedSetAddAsync(issuedKey, id, expires.ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(issuedKey, _options.AbsoluteLifetime);
        await transaction.ExecuteAsync();

        var token = tokens.Issue(new JwtSession(userId, id, created, expires, live.Length - evicted.Count + 1));
        return new LoginResult(token, userId, expires, expires);
    }

    public async Task<string> ClaimedUserIdAsync(string token) => (await ValidateLocallyAsync(token)).UserId;

    public async Task<string> SessionIdOfAsync(string token) => (await ValidateLocallyAsync(token)).Id;

    public async Task<AuthenticatedSession> AuthenticateAsync(string token, bool countSessions = false)
    {
        var session = await ValidateLocallyAsync(token);
        if (denylist)
        {
            var db = redis.GetDatabase();
            var batch = db.CreateBatch();
            var denied = batch.KeyExistsAsync(DenylistKeys.Token(session.Id));
            var notBefore = batch.StringGetAsync(DenylistKeys.NotBefore(session.UserId));
            batch.Execute();
            if (await denied || DenylistKeys.IsRevokedBy(session.CreatedAt.ToUnixTimeMilliseconds(), (long?)await notBefore))
            {
                throw SessionErrors.Revoked();
            }
        }

        return new AuthenticatedSession(session.UserId, session.Id, session.CreatedAt, session.ExpiresAt, session.ExpiresAt, session.ActiveSessions);
    }

    public async Task LogoutAsync(AuthenticatedSession session)
    {
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        if (denylist && DenylistKeys.TokenTtl(session.ExpiresAt, time.GetUtcNow()) is { } ttl)
        {
            _ = transaction.StringSetAsync(DenylistKeys.Token(session.SessionId), "1", ttl);
        }

        _ = transaction.SortedSetRemoveAsync(DenylistKeys.Issued(session.UserId), session.SessionId);
        await transaction.ExecuteAsync();
    }

    public async Task<int> RevokeAllAsync(AuthenticatedSession session)
    {
        if (!denylist)
        {
            return 0;
        }

        var db = redis.GetDatabase();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var issuedKey = DenylistKeys.Issued(session.UserId);
        var transaction = db.CreateTransaction();
        var live = transaction.SortedSetLengthAsync(issuedKey, now, double.PositiveInfinity, Exclude.Start);
        _ = transaction.StringSetAsync(DenylistKeys.NotBefore(session.UserId), now, _options.AbsoluteLifetime);
        _ = transaction.KeyDeleteAsync(issuedKey);
        await transaction.ExecuteAsync();
        return (int)await live;
    }

    private async Task<JwtSession> ValidateLocallyAsync(string token)
    {
        var check = await tokens.ValidateAsync(token, time.GetUtcNow());
        return check.Status switch
        {
            TokenStatus.Valid => check.Session!,
            TokenStatus.Expired => throw SessionErrors.Expired(),
            _ => throw SessionErrors.Malformed(),
        };
    }
}
