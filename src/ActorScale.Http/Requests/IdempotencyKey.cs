using ActorScale.Domain.Errors;

namespace ActorScale.Http.Requests;

/// <summary>The <c>Idempotency-Key</c> header of a mutation: the caller's operation id, so that a retry is applied once.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key as an operation id; a new id when the header is absent; <see cref="ActorScaleErrorCode.InvalidOperationId"/> when it is not one GUID.</summary>
    public static Guid ToOperationId(string? header)
    {
        if (header is null)
        {
            return Guid.NewGuid();
        }

        return Guid.TryParse(header.Trim(), out var id) && id != Guid.Empty
            ? id
            : throw new ActorScaleException(ActorScaleErrorCode.InvalidOperationId, $"the {Header} header must be one non-empty GUID");
    }
}
