using System.Text.Json;
using ActorScale.Hosting;
using StackExchange.Redis;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// Heals a lost membership table (Redis restarted empty or flushed, dotnet/orleans #7784), where Orleans silos keep
/// serving but never register again: a silo that is Active but finds its own row gone twice in a row takes a short
/// cluster-wide lock (so silos rejoin one at a time, never all at once), closes its HTTP port once the requests it holds have
/// finished (a balancer moves its users to the next silo) and restarts in place (<see cref="SelfRestart"/>), joining the new table as a new silo. Its
/// grains' state is durable; calls in flight are retried by their callers as after any restart.
/// </summary>
public sealed partial class MembershipRowWatch(ClusterSettings cluster, IClusterMembershipService membership, ILocalSiloDetails local, SiloDrain drain, ILogger<MembershipRowWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LockFor = TimeSpan.FromSeconds(30);

    // Long enough for a balancer that probes readiness to stop sending new users.

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cluster.UsesRedis)
        {
            return;
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.RedisOptions());
        var table = cluster.MembershipKey;
        var rejoinLock = $"{cluster.ServiceId}/rejoin/{cluster.ClusterId}";
        var missing = 0;
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var self = local.SiloAddress;
                if (membership.CurrentSnapshot.GetSiloStatus(self) != SiloStatus.Active)
                {
                    missing = 0;
                    continue;
                }

                var db = redis.GetDatabase();
                var rows = await db.HashValuesAsync(table);
                missing = rows.Any(r => Names(r, self)) ? 0 : missing + 1;
                if (missing == 0)
                {
                    // Back in the table: hand the lock to the next silo that lost its row (this one restarted holding it).
                    var transaction = db.CreateTransaction();
                    transaction.AddCondition(Condition.StringEqual(rejoinLock, local.Name));
                    _ = transaction.KeyDeleteAsync(rejoinLock);
                    await transaction.ExecuteAsync();
                }

                if (missing >= 2 && await redis.GetDatabase().StringSetAsync(rejoinLock, local.Name, LockFor, When.NotExists))
                {
                    LogRejoining(local.Name, table);
                    await drain.BeginAsync();
                    LogExecFailed(SelfRestart.Exec());
                    return;
                }
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException or JsonException)
            {
                // Redis down is not a lost row: Orleans waits for it, and so do we.
                LogRedisUnreachable(ex.Message);
            }
        }
    }

    private static bool Names(RedisValue row, SiloAddress self)
    {
        try
        {
            using var document = JsonDocument.Parse(row.ToString());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("SiloAddress", out var address)
                && address.ToString().Contains(self.ToParsableString(), StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Silo} has no row in the membership table {Table} (Redis lost it): restarting in place to rejoin as a new silo")]
    private partial void LogRejoining(string silo, string table);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not restart in place: {Reason}")]
    private partial void LogExecFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership row check: Redis unreachable ({Reason})")]
    private partial void LogRedisUnreachable(string reason);
}
