using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Errors;
using ActorScale.Abstractions.Sessions;

namespace ActorScale.Silo.Http;

/// <summary>
/// The caller of an authenticated route: its <c>Authorization: Bearer</c> token, parsed so the request goes straight to
/// the token's user grain, which checks it. Bound by minimal APIs through <see cref="BindAsync"/>; never printed.
/// </summary>
public sealed class Caller
{
    private const string Scheme = "Bearer ";

    private Caller(SessionToken token)
    {
        UserId = token.UserId;
        Token = token.ToString();
    }

    /// <summary>The user the token claims to belong to (the grain decides whether it does).</summary>
    public string UserId { get; }

    /// <summary>The token as the client sent it.</summary>
    public string Token { get; }

    public static ValueTask<Caller> BindAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidToken, "an Authorization: Bearer <token> header is required");
        }

        var value = header.Count == 1 ? header[0] : null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !SessionToken.TryParse(value[Scheme.Length..].Trim(), out var token))
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidToken, "the bearer token is malformed");
        }

        return ValueTask.FromResult(new Caller(token));
    }

    public IUserSessionGrain Session(IGrainFactory grains) => grains.GetGrain<IUserSessionGrain>(UserKey.For(UserId));

    public ICartGrain Cart(IGrainFactory grains) => grains.GetGrain<ICartGrain>(UserKey.For(UserId));

    /// <summary>
    /// Passes when <paramref name="userId"/> is the caller's own user. Otherwise the token is checked first, so an
    /// unknown token is 401 whichever user it asks about, and a valid one is 403 <see cref="ActorScaleErrorCode.Forbidden"/>.
    /// </summary>
    public async Task RequireUserAsync(string userId, IGrainFactory grains)
    {
        if (UserKey.For(userId) == UserKey.For(UserId))
        {
            return;
        }

        // The caller's own grain authenticates the token (and says why not, as for any route).
        await Session(grains).WhoAmIAsync(Token);
        throw new ActorScaleException(ActorScaleErrorCode.Forbidden, "the token belongs to another user");
    }
}
