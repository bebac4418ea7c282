using Orleans.Services;

namespace ActorScale.Silo.Fencing;

/// <summary>
/// One per silo, reached over the silo-to-silo connections (the same ones Orleans' membership probes use). Peers call
/// it every <see cref="FencingOptions.RenewEvery"/> to renew this silo's lease.
/// </summary>
[Alias("actorscale.lease-service")]
public interface ILeaseService : IGrainService
{
    /// <summary>
    /// A renewal from <paramref name="peer"/>. <paramref name="echo"/> is the stamp this silo returned to that peer last
    /// time (0 for none): receiving it proves that answer made the round trip. Returns a new stamp for the next call.
    /// </summary>
    Task<long> RenewAsync(SiloAddress peer, long echo);
}
