using ActorScale.Domain.Sessions;
using ActorScale.Http.Admission;
using ActorScale.Http.Contract;
using ActorScale.Http.Requests;
using ActorScale.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ActorScale.Http.Endpoints;

/// <summary>The handlers of the account and session routes (the table is <see cref="ApiRoutes"/>).</summary>
internal static class AccountEndpoints
{
    internal static async Task<Created<UserCreatedResponse>> RegisterAsync(
        [FromBody] CredentialsRequest? body, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, IAccounts accounts)
    {
        var credentials = RequestBody.Required(body);
        var operationId = IdempotencyKey.ToOperationId(idempotencyKey);
        return TypedResults.Created((string?)null, new UserCreatedResponse(await accounts.RegisterAsync(credentials.UserId, credentials.Password, operationId)));
    }

    internal static async Task<Created<LoginResult>> LoginAsync([FromBody] CredentialsRequest? body, IAccounts accounts, HttpContext context)
    {
        var credentials = RequestBody.Required(body);
        return TypedResults.Created((string?)null, await accounts.LoginAsync(credentials.UserId, credentials.Password, ClientAddress.Of(context)));
    }

    internal static async Task<Ok<SessionInfo>> MeAsync(BearerToken token, ISessions sessions) => TypedResults.Ok(await sessions.DescribeAsync(token));

    internal static async Task<NoContent> LogoutAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ISessions sessions)
    {
        await sessions.LogoutAsync(token, IdempotencyKey.ToOperationId(idempotencyKey));
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<RevokedResponse>> RevokeAllAsync(BearerToken token, [FromHeader(Name = IdempotencyKey.Header)] string? idempotencyKey, ISessions sessions) =>
        TypedResults.Ok(new RevokedResponse(await sessions.RevokeAllAsync(token, IdempotencyKey.ToOperationId(idempotencyKey))));
}
