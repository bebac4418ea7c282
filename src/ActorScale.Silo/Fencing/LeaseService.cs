using Orleans.Runtime.Services;

namespace ActorScale.Silo.Fencing;

/// <summary>Answers peers' renewals and records which of them have proved, by a full round trip, that they reach this silo.</summary>
public sealed class LeaseService(GrainId id, Orleans.Runtime.Silo silo, ILoggerFactory loggers, SiloLease lease) : GrainService(id, silo, loggers), ILeaseService
{
    public override async Task Start()
    {
        await base.Start();
        lease.ServiceStarted();
    }

    public Task<long> RenewAsync(SiloAddress peer, long echo)
    {
        if (echo != 0)
        {
            lease.Confirm(peer, echo);
        }

        return Task.FromResult(lease.Stamp());
    }
}
