using System.Diagnostics.CodeAnalysis;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// The bearer token format <c>as1.{userId}.{secret}</c>: the user id routes the token straight to its user's grain,
/// and the secret is 32 random bytes in base64url (43 characters). Grains keep only a SHA-256 hash of the secret.
/// </summary>
/// <param name="UserId">The user the token claims to belong to.</param>
/// <param name="Secret">The secret part, base64url without padding.</param>
public readonly record struct SessionToken(string UserId, string Secret)
{
    /// <summary>The format version prefix.</summary>
    public const string Prefix = "as1.";

    /// <summary>Length of the base64url secret (32 bytes).</summary>
    public const int SecretLength = 43;

    /// <summary>Parses a token; false for anything not of the documented shape (the user id is not validated here).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SessionToken token)
    {
        token = default;
        if (text is null || text.Length > 256 || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var lastDot = text.LastIndexOf('.');
        if (lastDot <= Prefix.Length || text.Length - lastDot - 1 != SecretLength)
        {
            return false;
        }

        var secret = text[(lastDot + 1)..];
        if (!secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        token = new SessionToken(text[Prefix.Length..lastDot], secret);
        return true;
    }

    /// <summary>The token as sent by clients.</summary>
    public override string ToString() => $"{Prefix}{UserId}.{Secret}";
}
