using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;
using ActorScale.Http.Requests;
using ActorScale.Http.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorScale.Http.Routes;

/// <summary>Accounts and sessions: register, login, the caller's session, logout and revoke-all.</summary>
public static class AccountRoutes
{
    public static RouteGroupBuilder MapAccountRoutes(this RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Accounts and sessions");
        api.MapPost("/users", RegisterAsync).WithSummary("Register a user");
        api.MapPost("/sessions", LoginAsync).WithSummary("Log in: a new session and its bearer token");
        api.MapGet("/me", MeAsync).WithSummary("The caller's session");
        api.MapDelete("/sessions/current", LogoutAsync).WithSummary("Log out: end the caller's session (the plain jwt baseline cannot: its token works until it expires)");
        api.MapPost("/sessions/revoke-all", RevokeAllAsync).WithSummary("End every session of the caller's user (the plain jwt baseline ends none)");
        return api;
    }

    private static async Task<Created<UserCreatedResponse>> RegisterAsync(
        [FromBody] CredentialsRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IAccounts accounts)
    {
        var credentials = RequestBody.Required(body);
        var operationId = IdempotencyKey.ToOperationId(idempotencyKey);
        return TypedResults.Created((string?)null, new UserCreatedResponse(await accounts.RegisterAsync(credentials.UserId, credentials.Password, operationId)));
    }

    private static async Task<Created<LoginResult>> LoginAsync([FromBody] CredentialsRequest? body, IAccounts accounts)
    {
        var credentials = RequestBody.Required(body);
        return TypedResults.Created((string?)null, await accounts.LoginAsync(credentials.UserId, credentials.Password));
    }

    private static async Task<Ok<SessionInfo>> MeAsync(BearerToken token, ISessions sessions) => TypedResults.Ok(await sessions.DescribeAsync(token));

    private static async Task<NoContent> LogoutAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ISessions sessions)
    {
        await sessions.LogoutAsync(token, IdempotencyKey.ToOperationId(idempotencyKey));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RevokedResponse>> RevokeAllAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ISessions sessions) =>
        TypedResults.Ok(new RevokedResponse(await sessions.RevokeAllAsync(token, IdempotencyKey.ToOperationId(idempotencyKey))));
}
