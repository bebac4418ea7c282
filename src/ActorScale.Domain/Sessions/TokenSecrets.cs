using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ActorScale.Domain.Sessions;

namespace ActorScale.Domain.Sessions;

/// <summary>Creates token secrets (256 bits from the OS CSPRNG) and the SHA-256 digests that grains keep instead.</summary>
public static class TokenSecrets
{
    public static SessionToken NewToken(string userId) =>
        new(userId, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The stored form of a secret: SHA-256, base64url.</summary>
    public static string Digest(string secret) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    public static bool DigestEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
