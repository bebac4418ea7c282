using ActorScale.Abstractions;
using ActorScale.Abstractions.Errors;
using ActorScale.Baseline.Sessions;

namespace ActorScale.Baseline.Http;

/// <summary>
/// The authenticated caller of a route: its bearer token checked by the design (a Redis read, a local JWT check, or a
/// JWT check plus a denylist read) before the handler runs. Bound by minimal APIs through <see cref="BindAsync"/>.
/// </summary>
public sealed class Caller
{
    private Caller(AuthenticatedSession session) => Session = session;

    public AuthenticatedSession Session { get; }

    public string UserId => Session.UserId;

    public static async ValueTask<Caller> BindAsync(HttpContext context) =>
        new(await context.RequestServices.GetRequiredService<ISessionDesign>().AuthenticateAsync(BearerToken.Read(context)));

    /// <summary>Passes for the caller's own user; the token is already checked, so another user's is 403.</summary>
    public void RequireUser(string userId)
    {
        if (UserKey.For(userId) != UserKey.For(UserId))
        {
            throw new ActorScaleException(ActorScaleErrorCode.Forbidden, "the token belongs to another user");
        }
    }
}
