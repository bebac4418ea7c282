using System.Globalization;
using ActorScale.Domain.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ActorScale.Http.Errors;

/// <summary>
/// The one place where an <see cref="ActorScaleErrorCode"/> becomes HTTP (README, "HTTP API (contract)"): the status,
/// the headers that go with it, and an RFC 7807 <c>application/problem+json</c> body whose <c>code</c> is the code's name.
/// </summary>
public static class ApiErrors
{
    /// <summary>What a client waits before retrying a transient failure.</summary>
    public const int TransientRetryAfterSeconds = 1;

    public static int StatusOf(ActorScaleErrorCode code) => code switch
    {
        ActorScaleErrorCode.InvalidToken or ActorScaleErrorCode.TokenExpired or ActorScaleErrorCode.TokenRevoked or ActorScaleErrorCode.InvalidCredentials
            => StatusCodes.Status401Unauthorized,
        ActorScaleErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ActorScaleErrorCode.UserExists => StatusCodes.Status409Conflict,
        ActorScaleErrorCode.UnknownSku or ActorScaleErrorCode.CartFull or ActorScaleErrorCode.NotInCart or ActorScaleErrorCode.EmptyCart
            => StatusCodes.Status422UnprocessableEntity,
        ActorScaleErrorCode.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        ActorScaleErrorCode.LockedOut or ActorScaleErrorCode.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ActorScaleErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ActorScaleErrorCode.HeadersTooLarge => StatusCodes.Status431RequestHeaderFieldsTooLarge,
        ActorScaleErrorCode.StorageUnavailable or ActorScaleErrorCode.Conflict or ActorScaleErrorCode.Unavailable
            => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>
    /// Writes the problem for <paramref name="code"/> with the code's status, or <paramref name="status"/> for a refusal
    /// of the framework's (404, 405, 415); <paramref name="retryAfter"/> is the Retry-After of a 429.
    /// </summary>
    public static Task WriteAsync(HttpContext context, ActorScaleErrorCode code, string detail, TimeSpan retryAfter, int? status = null)
    {
        status ??= StatusOf(code);
        context.Response.Clear();
        context.Response.StatusCode = status.Value;
        switch (status)
        {
            case StatusCodes.Status401Unauthorized:
                context.Response.Headers.WWWAuthenticate = code == ActorScaleErrorCode.InvalidCredentials ? "Bearer" : "Bearer error=\"invalid_token\"";
                break;
            case StatusCodes.Status429TooManyRequests:
                context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
            case StatusCodes.Status503ServiceUnavailable:
                context.Response.Headers.RetryAfter = TransientRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                break;
        }

        var problem = TypedResults.Problem(
            detail,
            statusCode: status,
            title: ReasonPhrases.GetReasonPhrase(status.Value),
            type: $"urn:actorscale:error:{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code.ToString() });
        return problem.ExecuteAsync(context);
    }
}
