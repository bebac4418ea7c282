using System.Diagnostics.CodeAnalysis;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// The bearer token format <c>as1.{userId}.{secret}.{keyId}.{mac}</c>: the user id routes the token straight to its
/// user's grain, the secret is 32 random bytes in base64url (43 characters), and the MAC (<see cref="TokenSigner"/>)
/// proves the cluster issued it, so a forged token is refused before any grain is called. Grains keep only a SHA-256
/// hash of the secret. The unsigned shape <c>as1.{userId}.{secret}</c> (no key id, no MAC) is the Redis baseline's.
/// </summary>
/// <param name="UserId">The user the token claims to belong to.</param>
/// <param name="Secret">The secret part, base64url without padding.</param>
/// <param name="KeyId">The id of the key that signed the token (<see cref="TokenSigner.KeyIdOf"/>); null when unsigned.</param>
/// <param name="Mac">The truncated HMAC-SHA256 in base64url; null when unsigned.</param>
public readonly record struct SessionToken(string UserId, string Secret, string? KeyId = null, string? Mac = null)
{
    /// <summary>The format version prefix.</summary>
    public const string Prefix = "as1.";

    /// <summary>Length of the base64url secret (32 bytes).</summary>
    public const int SecretLength = 43;

    /// <summary>Length of the base64url key id (6 bytes).</summary>
    public const int KeyIdLength = 8;

    /// <summary>Length of the base64url MAC (HMAC-SHA256 truncated to 16 bytes).</summary>
    public const int MacLength = 22;

    /// <summary>The longest token accepted by <see cref="TryParse"/>.</summary>
    public const int MaxLength = 256;

    /// <summary>True when the token carries a key id and a MAC.</summary>
    public bool IsSigned => KeyId is not null && Mac is not null;

    /// <summary>The part a MAC covers: <c>as1.{userId}.{secret}.{keyId}</c>.</summary>
    public string SignedPart => $"{Prefix}{UserId}.{Secret}.{KeyId}";

    /// <summary>Parses a token of either shape; false for anything else (the user id is not validated here, the MAC not checked).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SessionToken token)
    {
        token = default;
        if (text is null || text.Length > MaxLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = text.AsSpan(Prefix.Length);
        string? keyId = null;
        string? mac = null;
        if (TrySplitLast(body, MacLength, out var beforeMac, out var macPart) && TrySplitLast(beforeMac, KeyIdLength, out var signed, out var keyIdPart))
        {
            body = signed;
            (keyId, mac) = (keyIdPart.ToString(), macPart.ToString());
        }

        if (!TrySplitLast(body, SecretLength, out var user, out var secret) || user.IsEmpty)
        {
            return false;
        }

        token = new SessionToken(user.ToString(), secret.ToString(), keyId, mac);
        return true;
    }

    /// <summary>The token as sent by clients.</summary>
    public override string ToString() => IsSigned ? $"{SignedPart}.{Mac}" : $"{Prefix}{UserId}.{Secret}";

    /// <summary>Splits <c>{head}.{tail}</c> where the tail is base64url of exactly <paramref name="length"/> characters.</summary>
    private static bool TrySplitLast(ReadOnlySpan<char> text, int length, out ReadOnlySpan<char> head, out ReadOnlySpan<char> tail)
    {
        head = tail = default;
        var dot = text.LastIndexOf('.');
        if (dot < 0 || text.Length - dot - 1 != length)
        {
            return false;
        }

        tail = text[(dot + 1)..];
        foreach (var c in tail)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        head = text[..dot];
        return true;
    }
}
