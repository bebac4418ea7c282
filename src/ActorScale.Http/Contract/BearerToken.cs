using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using Microsoft.AspNetCore.Http;

namespace ActorScale.Http.Contract;

/// <summary>
/// The credential of an <c>Authorization: Bearer</c> header, exactly as the client presented it: <b>not verified</b>.
/// Each server verifies it behind its ports (the user's grain, the Redis session, the JWT signature). Bound by minimal
/// APIs through <see cref="BindAsync"/>; never printed (<see cref="ToString"/> hides it).
/// </summary>
public sealed class BearerToken
{
    private const string Scheme = "Bearer ";

    private BearerToken(string value) => Value = value;

    /// <summary>The token as sent, without the scheme.</summary>
    public string Value { get; }

    /// <summary>The header's token, or <see cref="ActorScaleErrorCode.InvalidToken"/> when the header is missing or not one bearer value.</summary>
    public static ValueTask<BearerToken> BindAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            throw new ActorScaleException(ActorScaleErrorCode.InvalidToken, "an Authorization: Bearer <token> header is required");
        }

        var value = header.Count == 1 ? header[0] : null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value[Scheme.Length..]))
        {
            throw SessionErrors.Malformed();
        }

        return ValueTask.FromResult(new BearerToken(value[Scheme.Length..].Trim()));
    }

    /// <summary>Keeps the credential out of logs.</summary>
    public override string ToString() => "Bearer (hidden)";
}
