using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ActorScale.Domain.Operations;

/// <summary>
/// What a caller asked for under an operation id: the id, and a fingerprint of the operation's kind, its payload and
/// (for session operations) the session it acts for. A retry carries the same intent and replays the first outcome;
/// the same id with another intent is a client bug, refused with <see cref="Errors.ActorScaleErrorCode.IdempotencyKeyReused"/>
/// (the IETF <c>Idempotency-Key</c> draft answers it 422), never silently answered with the first outcome.
/// </summary>
/// <param name="Id">The operation id (the HTTP <c>Idempotency-Key</c>).</param>
/// <param name="Fingerprint">16 base64url characters (96 bits of SHA-256) over the kind and the payload.</param>
public readonly record struct OperationIntent(Guid Id, string Fingerprint)
{
    /// <summary>The intent of an operation of <paramref name="kind"/> with <paramref name="payload"/> (the values that change its effect).</summary>
    public static OperationIntent Of(Guid id, string kind, params ReadOnlySpan<string> payload)
    {
        var text = new StringBuilder(kind);
        foreach (var part in payload)
        {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            text.Append('\n').Append(part.Length).Append(':').Append(part);
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return new OperationIntent(id, Base64Url.EncodeToString(digest.AsSpan(0, 12)));
    }
}
