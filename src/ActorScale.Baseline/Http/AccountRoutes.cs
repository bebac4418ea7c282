using ActorScale.Abstractions.Sessions;
using ActorScale.Baseline.Accounts;
using ActorScale.Baseline.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Baseline.Http;

/// <summary>Accounts and sessions: register, login, the caller's session, logout and revoke-all.</summary>
public static class AccountRoutes
{
    public static RouteGroupBuilder MapAccountRoutes(this RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Accounts and sessions");
        api.MapPost("/users", RegisterAsync).WithSummary("Register a user");
        api.MapPost("/sessions", LoginAsync).WithSummary("Log in: a new session and its bearer token");
        api.MapGet("/me", MeAsync).WithSummary("The caller's session");
        api.MapDelete("/sessions/current", LogoutAsync).WithSummary("Log out: end the caller's session (plain jwt: the token keeps working until it expires)");
        api.MapPost("/sessions/revoke-all", RevokeAllAsync).WithSummary("End every session of the caller's user (plain jwt: none can be ended)");
        return api;
    }

    private static async Task<Created<UserCreatedResponse>> RegisterAsync(
        [FromBody] CredentialsRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, AccountService accounts)
    {
        var credentials = RequestBody.Required(body);
        var operationId = IdempotencyKey.ToOperationId(idempotencyKey);
        return TypedResults.Created((string?)null, new UserCreatedResponse(await accounts.RegisterAsync(credentials.UserId, credentials.Password, operationId)));
    }

    private static async Task<Created<LoginResult>> LoginAsync([FromBody] CredentialsRequest? body, AccountService accounts)
    {
        var credentials = RequestBody.Required(body);
        return TypedResults.Created((string?)null, await accounts.LoginAsync(credentials.UserId, credentials.Password));
    }

    private static async Task<Ok<SessionInfo>> MeAsync(HttpContext context, ISessionDesign sessions)
    {
        var session = await sessions.AuthenticateAsync(BearerToken.Read(context), countSessions: true);
        return TypedResults.Ok(new SessionInfo(session.UserId, session.CreatedAt, session.ExpiresAt, session.IdleExpiresAt, session.ActiveSessions));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, SessionOperations operations)
    {
        var token = BearerToken.Read(context);
        await operations.LogoutAsync(token, IdempotencyKey.ToOperationId(idempotencyKey));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RevokedResponse>> RevokeAllAsync(HttpContext context, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, SessionOperations operations)
    {
        var token = BearerToken.Read(context);
        return TypedResults.Ok(new RevokedResponse(await operations.RevokeAllAsync(token, IdempotencyKey.ToOperationId(idempotencyKey))));
    }
}
