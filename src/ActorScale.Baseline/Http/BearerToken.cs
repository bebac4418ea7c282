using ActorScale.Abstractions.Errors;

namespace ActorScale.Baseline.Http;

/// <summary>The <c>Authorization: Bearer</c> value of a request, as the silo reads it; never printed.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string Read(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidToken, "an Authorization: Bearer <token> header is required");
        }

        var value = header.Count == 1 ? header[0] : null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length == Scheme.Length)
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidToken, "the bearer token is malformed");
        }

        return value[Scheme.Length..].Trim();
    }
}
