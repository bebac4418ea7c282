using System.Text;
using ActorScale.Domain.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ActorScale.Baseline.Sessions;

/// <summary>
/// Issues and validates the JWTs of the <c>jwt</c> designs: HS256 with one key shared by every server, checked
/// locally (signature, issuer, audience, algorithm, expiry) with no store round trip. Expiry is checked against the
/// injected clock, with no skew: every server of the comparison runs on one machine.
/// </summary>
public sealed class JwtTokens
{
    public const string Issuer = "actorscale-baseline";
    public const string Audience = "actorscale-api";

    /// <summary>HS256 needs a key of at least 256 bits.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>A longer bearer value is refused before parsing.</summary>
    public const int MaxTokenLength = 4096;

    private const string CreatedClaim = "ctm";
    private const string SessionsClaim = "ses";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;

    public JwtTokens(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the JWT key must be at least {MinKeyBytes} bytes", nameof(key));
        }

        var signingKey = new SymmetricSecurityKey(bytes);
        _credentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = signingKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,

            // Expiry is ours (TimeProvider, and TokenExpired rather than a generic failure); exp is still required below.
            ValidateLifetime = false,
        };
    }

    public string Issue(JwtSession session) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = session.CreatedAt.UtcDateTime,
        Expires = session.ExpiresAt.UtcDateTime,
        SigningCredentials = _credentials,
        Claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = session.UserId,
            [JwtRegisteredClaimNames.Jti] = session.Id,
            [CreatedClaim] = session.CreatedAt.ToUnixTimeMilliseconds(),
            [SessionsClaim] = session.ActiveSessions,
        },
    });

    /// <summary>Valid with the token's session, <see cref="TokenStatus.Expired"/> past <c>exp</c>, else <see cref="TokenStatus.Invalid"/>.</summary>
    public async Task<JwtCheck> ValidateAsync(string token, DateTimeOffset now)
    {
        if (token.Length > MaxTokenLength)
        {
            return new JwtCheck(TokenStatus.Invalid, null);
        }

        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)
            || !jwt.TryGetPayloadValue<long>(CreatedClaim, out var created)
            || !jwt.TryGetPayloadValue<int>(SessionsClaim, out var sessions)
            || string.IsNullOrEmpty(jwt.Subject) || string.IsNullOrEmpty(jwt.Id))
        {
            return new JwtCheck(TokenStatus.Invalid, null);
        }

        var session = new JwtSession(jwt.Subject, jwt.Id, DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeSeconds(exp), sessions);
        return new JwtCheck(now >= session.ExpiresAt ? TokenStatus.Expired : TokenStatus.Valid, session);
    }

    /// <summary>A session's expiry in whole seconds, as <c>exp</c> carries it, so login and later reads agree.</summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset createdAt, TimeSpan lifetime) =>
        DateTimeOffset.FromUnixTimeSeconds((createdAt + lifetime).ToUnixTimeSeconds());
}
