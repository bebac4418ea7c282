using System.ComponentModel.DataAnnotations;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// Session rules; bound from <c>ActorScale:Sessions</c>. Failed logins no longer lock an account (the old
/// <c>MaxFailedLogins</c> and <c>LockoutDuration</c> keys are ignored): they are throttled per client address, see
/// <see cref="Admission.AdmissionOptions"/> (<c>ActorScale:Limits</c>).
/// </summary>
public sealed class SessionOptions
{
    public const string Section = "ActorScale:Sessions";

    /// <summary>A session ends this long after login, however active. Default 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A session ends after this long without a call. Default 30 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Granularity of the sliding idle timeout. A call moves the session's last-seen time (and writes it) only when
    /// it is at least this old, so a busy session costs one write per interval instead of one per call, and a
    /// session may end up to this much before the exact idle timeout. Default 1 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LastSeenPersistInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Live sessions per user; the oldest is evicted by a newer login. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxSessionsPerUser { get; set; } = 10;

    /// <summary>PBKDF2-SHA256 iterations for new hashes. Default 600 000 (OWASP 2023); tests lower it.</summary>
    [Range(1000, 10_000_000)]
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>Ended sessions kept so their tokens report "revoked" rather than "invalid". Default 100.</summary>
    [Range(0, 10_000)]
    public int MaxEndedSessionsKept { get; set; } = 100;

    /// <summary>Operation ids remembered for idempotent retries. Default 100.</summary>
    [Range(1, 100_000)]
    public int OperationWindow { get; set; } = 100;
}
