using ActorScale.Domain.Errors;

namespace ActorScale.Http.Requests;

/// <summary>The <c>Idempotency-Key</c> header of a mutation: the caller's operation id, so that a retry is applied once.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key of a mutation that must carry one (checkout), else <see cref="ActorScaleErrorCode.IdempotencyKeyRequired"/>.</summary>
    public static Guid Required(string? header) => header is null
        ? throw new ActorScaleException(ActorScaleErrorCode.IdempotencyKeyRequired, $"this request needs an {Header} header (a new GUID per checkout, the same on its retries), so that a retry cannot place a second order")
        : ToOperationId(header);

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
