namespace ActorScale.Silo.Http;

/// <summary>
/// Readiness for a load balancer: this silo is <see cref="SiloStatus.Active"/> in the membership, holds its lease
/// (<see cref="Fencing.SiloLease"/>) and its storage answers.
/// One storage check answers every probe for <see cref="StorageCacheTime"/>, and a new one starts only when the last has
/// finished, so probes never pile connections onto a storage that hangs.
/// </summary>
/// <param name="name">The silo's name, which health answers carry.</param>
/// <param name="refusal">Why this silo refuses to serve now (its lease is not held), or null.</param>
/// <param name="stopping">Why this silo is not taking new users while it still serves (a graceful stop), or null.</param>
/// <param name="membershipStatus">This silo's status in the membership table as the silo sees it now.</param>
/// <param name="storageCheck">A cheap round trip to the grain storage; throws when it is unreachable.</param>
/// <param name="time">The clock of the cache and the timeout.</param>
/// <param name="logger">Where a failed storage check's error goes: the answer, which anyone who reaches the port can read,
/// says only what is not ready, never the error's text (hosts, ports, user names).</param>
public sealed partial class ReadinessProbe(string name, Func<string?> refusal, Func<string?> stopping, Func<SiloStatus> membershipStatus, Func<CancellationToken, Task> storageCheck, TimeProvider time, ILogger logger) : IReadiness
{
    /// <summary>How long one storage check answers for. Default 2 s.</summary>
    public static readonly TimeSpan StorageCacheTime = TimeSpan.FromSeconds(2);

    /// <summary>A storage check slower than this makes the silo not ready. Default 2 s.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private DateTimeOffset _checkedAt;
    private Task<string?>? _storageCheck;

    public string Name => name;

    public string? Refusal() => refusal();

    /// <summary>Null when ready, else one line saying why not.</summary>
    public async Task<string?> FindProblemAsync(CancellationToken cancellationToken = default)
    {
        var status = membershipStatus();
        if (status != SiloStatus.Active)
        {
            return $"this silo is {status} in the cluster membership, not Active";
        }

        if ((refusal() ?? stopping()) is { } notServing)
        {
            return notServing;
        }

        try
        {
            return await CurrentStorageCheck().WaitAsync(StorageTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return $"grain storage did not answer within {StorageTimeout.TotalSeconds:0} s";
        }
    }

    private Task<string?> CurrentStorageCheck()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_storageCheck is null || (_storageCheck.IsCompleted && now - _checkedAt >= StorageCacheTime))
            {
                _checkedAt = now;
                _storageCheck = CheckStorageAsync();
            }

            return _storageCheck;
        }
    }

    private async Task<string?> CheckStorageAsync()
    {
        using var timeout = new CancellationTokenSource(StorageTimeout, time);
        try
        {
            await storageCheck(timeout.Token);
            return null;
        }
        catch (Exception ex)
        {
            LogStorageUnreachable(ex);
            return StorageUnreachable;
        }
    }

    /// <summary>The answer while the storage check fails.</summary>
    public const string StorageUnreachable = "grain storage is not reachable (the silo's log has the error)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the grain storage check failed")]
    private partial void LogStorageUnreachable(Exception ex);
}
