using ActorScale.Domain.Errors;

namespace ActorScale.Domain.Operations;

/// <summary>
/// The last <c>capacity</c> applied operations of one state, oldest first. It is persisted with the state it
/// guards, in the same write, so "applied" and "recorded" can never disagree.
/// </summary>
public static class OperationWindow
{
    /// <summary>
    /// The earlier outcome of <paramref name="intent"/>'s operation id, or null when the id is new. An id recorded for
    /// another intent (another kind, payload or session) throws <see cref="ActorScaleErrorCode.IdempotencyKeyReused"/>.
    /// </summary>
    public static OperationRecord? Find(List<OperationRecord> window, OperationIntent intent)
    {
        var found = FindId(window, intent.Id);
        if (found is null || !IsOtherIntent(found, intent))
        {
            return found;
        }

        throw Reused();
    }

    /// <summary>True when the id was recorded for another intent than <paramref name="intent"/> (a record written before fingerprints matches any).</summary>
    public static bool IsOtherIntent(OperationRecord record, OperationIntent intent) =>
        record.Fingerprint is { } recorded && !string.Equals(recorded, intent.Fingerprint, StringComparison.Ordinal);

    /// <summary>The refusal of an operation id reused for another operation or payload.</summary>
    public static ActorScaleException Reused() => new(
        ActorScaleErrorCode.IdempotencyKeyReused,
        "this Idempotency-Key was already used for another operation or another payload: nothing was changed; use a new key for a new operation");

    /// <summary>The record of an operation id, whatever its intent.</summary>
    public static OperationRecord? FindId(List<OperationRecord> window, Guid operationId)
    {
        // Newest last: retries are recent, so search from the end.
        for (var i = window.Count - 1; i >= 0; i--)
        {
            if (window[i].Id == operationId)
            {
                return window[i];
            }
        }

        return null;
    }

    public static void Record(List<OperationRecord> window, int capacity, OperationIntent intent, int version, string? result = null)
    {
        window.Add(new OperationRecord { Id = intent.Id, Fingerprint = intent.Fingerprint, Version = version, Result = result });
        if (window.Count > capacity)
        {
            window.RemoveRange(0, window.Count - capacity);
        }
    }
}
