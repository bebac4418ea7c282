using System.Text.Json;
using ActorScale.Domain.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorScale.Http.Errors;

/// <summary>
/// Turns every exception of a request into a problem (<see cref="ApiErrors"/>): our rejections keep their code, a
/// malformed request is <see cref="ActorScaleErrorCode.BadRequest"/>, and anything else (a timeout, a dead silo, a
/// rejected message, a session store or database that does not answer) is <see cref="ActorScaleErrorCode.Unavailable"/>.
/// The detail is one line; a stack trace goes to the log only.
/// </summary>
public sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public const string UnavailableDetail = "the service could not serve the request in time: retry (a mutation with the same Idempotency-Key)";

    public const string PayloadTooLargeDetail = "the request body is larger than this API accepts";

    public const string HeadersTooLargeDetail = "the request headers are larger than this API accepts";

    /// <summary>The Retry-After of a 429 whose refusal does not say when to retry.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (code, detail, retryAfter) = Classify(ex);
            await ApiErrors.WriteAsync(context, code, detail, retryAfter ?? DefaultRetryAfter);
            return;
        }

        // The framework's own refusals (no such route, method, media type) come without a body: give them one.
        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= StatusCodes.Status400BadRequest && response.ContentType is null)
        {
            var status = response.StatusCode;
            await ApiErrors.WriteAsync(context, RefusalCode(status), RefusalDetail(context.Request, status), DefaultRetryAfter, status);
        }
    }

    private (ActorScaleErrorCode Code, string Detail, TimeSpan? RetryAfter) Classify(Exception ex)
    {
        switch (ActorScaleException.Find(ex) ?? ex)
        {
            case ActorScaleException rejected:
                return (rejected.Code, rejected.Message, rejected.RetryAfter);
            case BadHttpRequestException { InnerException: JsonException json }:
                return (ActorScaleErrorCode.BadRequest, $"the request body is not valid JSON for this route (at {json.Path ?? "$"}, line {json.LineNumber + 1}, byte {json.BytePositionInLine})", null);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return (ActorScaleErrorCode.PayloadTooLarge, PayloadTooLargeDetail, null);
            case BadHttpRequestException { StatusCode: StatusCodes.Status431RequestHeaderFieldsTooLarge }:
                return (ActorScaleErrorCode.HeadersTooLarge, HeadersTooLargeDetail, null);
            case BadHttpRequestException bad:
                return (ActorScaleErrorCode.BadRequest, FirstLine(bad.Message), null);
            default:
                LogUnavailable(ex);
                return (ActorScaleErrorCode.Unavailable, UnavailableDetail, null);
        }
    }

    // Minimal APIs answer a body that Kestrel cut off at its limit with the bare status, not an exception.
    private static ActorScaleErrorCode RefusalCode(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ActorScaleErrorCode.PayloadTooLarge,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ActorScaleErrorCode.HeadersTooLarge,
        _ => ActorScaleErrorCode.BadRequest,
    };

    private static string RefusalDetail(HttpRequest request, int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => PayloadTooLargeDetail,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLargeDetail,
        StatusCodes.Status404NotFound => $"no route {request.Method} {request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}",
        StatusCodes.Status415UnsupportedMediaType => "the body must be JSON (Content-Type: application/json)",
        _ => $"the request was refused ({status})",
    };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "An HTTP request failed and was answered 503 Unavailable")]
    private partial void LogUnavailable(Exception ex);
}
