using System.Threading.RateLimiting;
using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Options;

namespace ActorScale.Domain.Admission;

/// <summary>
/// The process's one gate around password hashing: at most <see cref="AdmissionOptions.HashPermits"/> PBKDF2 runs at
/// a time. An asynchronous caller (<see cref="HashAsync"/>, <see cref="VerifyAsync"/>) may wait for a slot for at most
/// <see cref="AdmissionOptions.HashSlotWait"/>, behind at most <see cref="AdmissionOptions.WaitingPerHashSlot"/> others
/// per slot (oldest first); otherwise, and for a synchronous hash, a full gate refuses at once
/// (<c>TooManyRequests</c> with a Retry-After). So a flood of registrations takes a bounded share of the cores, the
/// thread pool keeps serving (membership probes included), and an honest login is answered within a few hashes' time or
/// refused, never queued for seconds.
/// </summary>
public sealed class PasswordGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _retryAfter;
    private readonly TimeSpan _slotWait;
    private readonly int _iterations;
    private readonly Lazy<string> _dummyHash;
    private long _hashesRun;

    public PasswordGate(IOptions<AdmissionOptions> admission, IOptions<SessionOptions> sessions)
    {
        var permits = admission.Value.HashPermits;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = admission.Value.HashSlotWait > TimeSpan.Zero ? permits * admission.Value.WaitingPerHashSlot : 0,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _retryAfter = admission.Value.HashingBusyRetryAfter;
        _slotWait = admission.Value.HashSlotWait;
        _iterations = sessions.Value.PasswordIterations;
        _dummyHash = new Lazy<string>(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N"), _iterations));
    }

    /// <summary>Hashes (and checks) run through this gate since start: what a test counts instead of timing.</summary>
    public long HashesRun => Interlocked.Read(ref _hashesRun);

    /// <summary>A new hash of <paramref name="password"/> at the configured iterations.</summary>
    public string Hash(string password) => Run(() => PasswordHasher.Hash(password, _iterations));

    /// <summary>
    /// Checks a password against a stored hash, or against a dummy hash of the same cost when there is none (an unknown
    /// user): both cost one hash, so neither the time nor the answer tells whether the account exists.
    /// </summary>
    public bool Verify(string password, string? storedHash)
    {
        var against = storedHash ?? _dummyHash.Value;
        var matches = Run(() => PasswordHasher.Verify(password, against));
        return matches && storedHash is not null;
    }

    /// <summary>A new hash of <paramref name="password"/>, waiting for a slot at most <see cref="AdmissionOptions.HashSlotWait"/>.</summary>
    public Task<string> HashAsync(string password) => RunAsync(() => PasswordHasher.Hash(password, _iterations));

    /// <summary><see cref="Verify"/>, waiting for a slot at most <see cref="AdmissionOptions.HashSlotWait"/>.</summary>
    public async Task<bool> VerifyAsync(string password, string? storedHash)
    {
        var against = storedHash ?? _dummyHash.Value;
        var matches = await RunAsync(() => PasswordHasher.Verify(password, against));
        return matches && storedHash is not null;
    }

    /// <summary>
    /// Runs <paramref name="hashing"/> on the calling thread once a slot is free, waiting at most
    /// <see cref="AdmissionOptions.HashSlotWait"/> behind the others already waiting; refuses when the wait or the queue runs out.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> hashing)
    {
        if (_slotWait <= TimeSpan.Zero)
        {
            return Run(hashing);
        }

        RateLimitLease lease;
        using (var deadline = new CancellationTokenSource(_slotWait))
        {
            try
            {
                lease = await _limiter.AcquireAsync(1, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw AdmissionErrors.HashingBusy(_retryAfter);
            }
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                throw AdmissionErrors.HashingBusy(_retryAfter);
            }

            Interlocked.Increment(ref _hashesRun);
            return hashing();
        }
    }

    /// <summary>Runs <paramref name="hashing"/> on the calling thread if a slot is free; refuses at once otherwise.</summary>
    public T Run<T>(Func<T> hashing)
    {
        using var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            throw AdmissionErrors.HashingBusy(_retryAfter);
        }

        Interlocked.Increment(ref _hashesRun);
        return hashing();
    }

    public void Dispose() => _limiter.Dispose();
}
