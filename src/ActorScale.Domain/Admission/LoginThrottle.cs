namespace ActorScale.Domain.Admission;

/// <summary>
/// Failed logins counted per key (a client address in a user's grain; address and user in a stateless server), with a
/// growing wait: after <see cref="AdmissionOptions.LoginFreeFailures"/> failures the key waits
/// <see cref="AdmissionOptions.LoginBaseDelay"/>, then twice that after the next failure, up to
/// <see cref="AdmissionOptions.LoginMaxDelay"/>. Unlike a lockout of the account, a key that guesses passwords slows down
/// only itself: the user still logs in from any other address. At most <paramref name="capacity"/> keys are remembered;
/// the one whose last failure is oldest is forgotten first. Memory only; thread-safe.
/// </summary>
public sealed class LoginThrottle(AdmissionOptions options, int capacity)
{
    private readonly Dictionary<string, Failures> _failures = [];

    /// <summary>Keys remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_failures)
            {
                return _failures.Count;
            }
        }
    }

    /// <summary>Refuses with <c>TooManyRequests</c> and the remaining wait while <paramref name="key"/> must wait.</summary>
    public void ThrowIfWaiting(string key, DateTimeOffset now)
    {
        lock (_failures)
        {
            if (_failures.TryGetValue(key, out var failures) && failures.WaitUntil > now)
            {
                Telemetry.ActorScaleMetrics.LoginsThrottled.Add(1);
                throw AdmissionErrors.LoginThrottled(failures.WaitUntil - now);
            }
        }
    }

    /// <summary>Counts a failed login of <paramref name="key"/> and sets its wait.</summary>
    public void Failed(string key, DateTimeOffset now)
    {
        lock (_failures)
        {
            if (!_failures.TryGetValue(key, out var failures) || now - failures.LastAt > options.LoginFailureMemory)
            {
                failures = new Failures();
            }

            failures.Count++;
            failures.LastAt = now;
            failures.WaitUntil = now + Delay(failures.Count);
            _failures[key] = failures;
            if (_failures.Count > capacity)
            {
                _failures.Remove(_failures.MinBy(f => f.Value.LastAt).Key);
            }
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> after it logged in.</summary>
    public void Succeeded(string key)
    {
        lock (_failures)
        {
            _failures.Remove(key);
        }
    }

    private TimeSpan Delay(int failures)
    {
        var beyond = failures - options.LoginFreeFailures;
        if (beyond < 0)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(beyond, 30);
        var delay = options.LoginBaseDelay * Math.Pow(2, doublings);
        return delay < options.LoginMaxDelay ? delay : options.LoginMaxDelay;
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LastAt { get; set; }

        public DateTimeOffset WaitUntil { get; set; }
    }
}
