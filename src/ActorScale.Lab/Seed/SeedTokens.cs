using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ActorScale.Domain.Sessions;

namespace ActorScale.Lab.Seed;

/// <summary>
/// The session of a seeded user has a secret derived from the seed's key (HMAC-SHA256 of the user id), so the tools that
/// load seeded users can compute their tokens (signed with the cluster token key, as the silos would have issued them);
/// the state keeps only the secret's digest, like any session.
/// </summary>
public static class SeedTokens
{
    public static string Secret(byte[] key, string userId) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userId)));

    public static string Token(byte[] key, TokenSigner signer, string userId) => signer.Sign(new SessionToken(userId, Secret(key, userId))).ToString();

    public static string UserId(string prefix, int index) => $"{prefix}-{index:D7}";
}
