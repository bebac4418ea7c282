namespace ActorScale.Domain.Operations;

/// <summary>
/// The last <c>capacity</c> applied operation ids of one state, oldest first. It is persisted with the state it
/// guards, in the same write, so "applied" and "recorded" can never disagree.
/// </summary>
public static class OperationWindow
{
    public static OperationRecord? Find(List<OperationRecord> window, Guid operationId)
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

    public static void Record(List<OperationRecord> window, int capacity, Guid operationId, int version, string? result = null)
    {
        window.Add(new OperationRecord { Id = operationId, Version = version, Result = result });
        if (window.Count > capacity)
        {
            window.RemoveRange(0, window.Count - capacity);
        }
    }
}
