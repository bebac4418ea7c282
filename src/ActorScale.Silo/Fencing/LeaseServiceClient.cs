using Orleans.Runtime.Services;

namespace ActorScale.Silo.Fencing;

/// <summary>Reaches the <see cref="ILeaseService"/> of one given silo.</summary>
public sealed class LeaseServiceClient(IServiceProvider services) : GrainServiceClient<ILeaseService>(services)
{
    public ILeaseService At(SiloAddress silo) => GetGrainService(silo);
}
