using System.Diagnostics.Metrics;

namespace ActorScale.Domain.Telemetry;

/// <summary>
/// ActorScale's own instruments, on the meter <see cref="MeterName"/>, named and unit-tagged the OpenTelemetry way
/// (Prometheus shows <c>actorscale.sessions.opened</c> as <c>actorscale_sessions_opened_total</c>). Both designs count
/// through them where their code does the same thing; the silo adds its front door's local and forwarded requests.
/// </summary>
public static class ActorScaleMetrics
{
    public const string MeterName = "ActorScale";

    public static readonly Meter Meter = new(MeterName, typeof(ActorScaleMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Sessions opened by a successful login.</summary>
    public static readonly Counter<long> SessionsOpened = Meter.CreateCounter<long>("actorscale.sessions.opened", "{session}", "Sessions opened by a successful login");

    /// <summary>Sessions ended by a logout or a revoke-all (attribute <c>reason</c>).</summary>
    public static readonly Counter<long> SessionsRevoked = Meter.CreateCounter<long>("actorscale.sessions.revoked", "{session}", "Sessions ended by logout or revoke-all");

    /// <summary>Cart changes by <c>operation</c> (add, set, remove, clear, checkout) and <c>outcome</c> (applied, replayed, refused).</summary>
    public static readonly Counter<long> CartOperations = Meter.CreateCounter<long>("actorscale.cart.operations", "{operation}", "Cart changes by operation and outcome");

    /// <summary>Mutations answered from the operation-id window instead of applied again (attribute <c>operation</c>).</summary>
    public static readonly Counter<long> OperationReplays = Meter.CreateCounter<long>("actorscale.operation_id.replays", "{operation}", "Retries answered by their operation id, not applied again");

    /// <summary>Logins refused because the (address, user) pair failed too often.</summary>
    public static readonly Counter<long> LoginsThrottled = Meter.CreateCounter<long>("actorscale.logins.throttled", "{login}", "Logins refused by the failed-login throttle");

    /// <summary>Grain or table storage calls that failed, by <c>operation</c> (read, write, clear) and <c>kind</c> (unavailable, conflict).</summary>
    public static readonly Counter<long> StorageFailures = Meter.CreateCounter<long>("actorscale.storage.failures", "{call}", "Storage calls that failed, by kind");

    public static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
