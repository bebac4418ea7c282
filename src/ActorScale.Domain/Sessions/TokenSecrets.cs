using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ActorScale.Domain.Sessions;

namespace ActorScale.Domain.Sessions;

/// <summary>Creates token secrets (256 bits from the OS CSPRNG) and the SHA-256 digests that grains keep instead.</summary>
public static class TokenSecrets
{
    /// <summary>Every request with a token needs its secret's digest: the secrets seen last are not hashed again.</summary>
    private static readonly SecretMemo<string> Digests = new();

    public static SessionToken NewToken(string userId) =>
        new(userId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The stored form of a secret: SHA-256, base64url.</summary>
    public static string Digest(string secret) => Digests.GetOrAdd(secret, static s => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(s))));

    public static bool DigestEquals(string a, string b) => FixedTimeEquals(a, b);

    /// <summary>Equal texts, compared in time that depends on their lengths only; no allocation.</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));
}
