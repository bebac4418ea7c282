using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// Signs session tokens with the cluster token key and checks them, so a token the cluster never issued is refused
/// from the token alone: no grain call, no storage read, no activation. The MAC is HMAC-SHA256 over
/// <see cref="SessionToken.SignedPart"/> (version prefix, user id, secret and key id), truncated to 128 bits.
/// Rotation: the current key signs and verifies; previous keys only verify, for tokens issued before a rotation.
/// A key removed from both is gone, and so are the tokens it signed.
/// </summary>
public sealed class TokenSigner
{
    /// <summary>The shortest key accepted, in characters (the launcher's keys are 64 hex characters, 256 bits).</summary>
    public const int MinKeyLength = 32;

    private const int MacBytes = 16;

    private static readonly byte[] KeyIdLabel = Encoding.ASCII.GetBytes("actorscale token key id");

    private readonly byte[] _current;
    private readonly string _currentId;
    private readonly Dictionary<string, byte[]> _byId = new(StringComparer.Ordinal);
    private readonly SecretMemo<TokenVerdict> _verdicts = new();
    private readonly Func<string, TokenVerdict> _checkText;

    /// <param name="currentKey">The key that signs new tokens (at least <see cref="MinKeyLength"/> characters).</param>
    /// <param name="previousKeys">Keys that only verify, during a rotation's overlap window.</param>
    public TokenSigner(string currentKey, IEnumerable<string>? previousKeys = null)
    {
        _checkText = text => SessionToken.TryParse(text, out var parsed) ? new TokenVerdict(true, Verify(parsed), parsed) : default;
        _current = KeyBytes(currentKey);
        _currentId = KeyIdOf(currentKey);
        _byId[_currentId] = _current;
        foreach (var key in previousKeys ?? [])
        {
            _byId.TryAdd(KeyIdOf(key), KeyBytes(key));
        }
    }

    /// <summary>The id a token names its key by: the first 48 bits of an HMAC of a fixed label, so it says nothing of the key.</summary>
    public static string KeyIdOf(string key) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(KeyBytes(key), KeyIdLabel).AsSpan(0, 6));

    /// <summary>The token with the current key's id and MAC.</summary>
    public SessionToken Sign(SessionToken token)
    {
        var unsigned = token with { KeyId = _currentId, Mac = null };
        return unsigned with { Mac = Base64Url.EncodeToString(Mac(_current, unsigned)) };
    }

    /// <summary>
    /// The token text with the current key's id and MAC; a text that is not a token comes back unchanged
    /// (the rules only ever hand over tokens they made).
    /// </summary>
    public string Sign(string token) => SessionToken.TryParse(token, out var parsed) ? Sign(parsed).ToString() : token;

    /// <summary>
    /// What a token's text is: not a token at all, a token this signer's keys did not sign, or an issued token, parsed.
    /// The front door, the rate limiter and the grain all ask about the same token on every request; the texts seen last
    /// are answered from a memo (<see cref="SecretMemo{TValue}"/>) instead of computing the MAC again. The memo belongs
    /// to this signer, whose keys never change.
    /// </summary>
    public TokenVerdict Check(string? text) =>
        text is null || text.Length > SessionToken.MaxLength
            ? default
            : _verdicts.GetOrAdd(text, _checkText);

    /// <summary>True when a key this signer holds made the token's MAC; compared in constant time.</summary>
    public bool Verify(SessionToken token)
    {
        if (!token.IsSigned || !_byId.TryGetValue(token.KeyId!, out var key))
        {
            return false;
        }

        // Compares the text, not decoded bytes: base64url's spare bits would otherwise let several texts pass for one MAC.
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.Mac!), Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Mac(key, token))));
    }

    private static byte[] Mac(byte[] key, SessionToken token) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token.SignedPart)).AsSpan(0, MacBytes).ToArray();

    private static byte[] KeyBytes(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length < MinKeyLength)
        {
            throw new ArgumentException($"a token key must be at least {MinKeyLength} characters", nameof(key));
        }

        return Encoding.UTF8.GetBytes(key);
    }
}
