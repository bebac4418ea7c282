using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Grains.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Silo.Http;

/// <summary>Accounts and sessions: register, login, the caller's session, logout and revoke-all.</summary>
public static class AccountRoutes
{
    public static RouteGroupBuilder MapAccountRoutes(this RouteGroupBuilder api)
    {
        api = api.MapGroup("").WithTags("Accounts and sessions");
        api.MapPost("/users", RegisterAsync).WithSummary("Register a user");
        api.MapPost("/sessions", LoginAsync).WithSummary("Log in: a new session and its bearer token");
        api.MapGet("/me", MeAsync).WithSummary("The caller's session");
        api.MapDelete("/sessions/current", LogoutAsync).WithSummary("Log out: end the caller's session");
        api.MapPost("/sessions/revoke-all", RevokeAllAsync).WithSummary("End every session of the caller's user");
        return api;
    }

    private static async Task<Created<UserCreatedResponse>> RegisterAsync(
        [FromBody] CredentialsRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains)
    {
        var credentials = RequestBody.Required(body);
        var operationId = IdempotencyKey.ToOperationId(idempotencyKey);
        var grain = UserGrain(grains, credentials.UserId);
        await grain.RegisterAsync(credentials.Password ?? "", operationId);
        return TypedResults.Created((string?)null, new UserCreatedResponse(UserKey.UserIdOf(grain.GetPrimaryKeyString())));
    }

    private static async Task<Created<SessionResponse>> LoginAsync([FromBody] CredentialsRequest? body, IGrainFactory grains)
    {
        var credentials = RequestBody.Required(body);
        return TypedResults.Created((string?)null, SessionResponse.From(await UserGrain(grains, credentials.UserId).LoginAsync(credentials.Password ?? "")));
    }

    private static async Task<Ok<MeResponse>> MeAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(MeResponse.From(await caller.Session(grains).WhoAmIAsync(caller.Token)));

    private static async Task<NoContent> LogoutAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains)
    {
        await caller.Session(grains).LogoutAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey));
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RevokedResponse>> RevokeAllAsync(Caller caller, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IGrainFactory grains) =>
        TypedResults.Ok(new RevokedResponse(await caller.Session(grains).RevokeAllAsync(caller.Token, IdempotencyKey.ToOperationId(idempotencyKey))));

    /// <summary>The user's grain, after the user id rule: a malformed id never activates a grain.</summary>
    private static IUserSessionGrain UserGrain(IGrainFactory grains, string? userId)
    {
        var key = UserKey.For(userId ?? "");
        InputRules.RequireUserId(UserKey.UserIdOf(key));
        return grains.GetGrain<IUserSessionGrain>(key);
    }
}
