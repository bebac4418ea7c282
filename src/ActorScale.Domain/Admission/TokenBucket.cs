namespace ActorScale.Domain.Admission;

/// <summary>
/// A token bucket on the caller's clock, a few fields and no timer: cheap enough for one per user grain (a
/// <c>TokenBucketRateLimiter</c> per grain would carry its own timer and read the real clock, not the grain's).
/// Not thread-safe: its owner (a grain) serialises calls.
/// </summary>
public sealed class TokenBucket(int burst, int perSecond, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _refilledAt = now;

    /// <summary>Takes a token; false with the wait until the next one when the bucket is empty.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(burst, _tokens + ((now - _refilledAt).TotalSeconds * perSecond));
            _refilledAt = now;
        }

        if (_tokens >= 1)
        {
            _tokens--;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }
}
