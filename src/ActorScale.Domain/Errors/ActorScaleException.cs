namespace ActorScale.Domain.Errors;

/// <summary>
/// The one error type that crosses the wire: a stable <see cref="ActorScaleErrorCode"/> and a one-line message for a person.
/// Grains throw it for every rejection; a rejected call changed nothing.
/// </summary>
public sealed class ActorScaleException : Exception
{
    /// <summary>Creates an error with a code and a one-line message.</summary>
    public ActorScaleException(ActorScaleErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an error that tells the caller when to retry (a throttled login, a full gate).</summary>
    public ActorScaleException(ActorScaleErrorCode code, string message, TimeSpan? retryAfter)
        : this(code, message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The stable error code.</summary>
    public ActorScaleErrorCode Code { get; }

    /// <summary>How long the caller should wait before retrying, when the refusal knows (HTTP <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Our error in an exception or its inner exceptions: a failure while a grain activates (its state could not be
    /// read) arrives wrapped in the runtime's own exception.
    /// </summary>
    public static ActorScaleException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ActorScaleException found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>True when the same call (with the same operation id) may succeed if retried (after <see cref="RetryAfter"/>, when given).</summary>
    public bool IsTransient => Code is ActorScaleErrorCode.StorageUnavailable or ActorScaleErrorCode.Conflict or ActorScaleErrorCode.Unavailable or ActorScaleErrorCode.TooManyRequests;
}
