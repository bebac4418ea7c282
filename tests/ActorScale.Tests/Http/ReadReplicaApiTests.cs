using ActorScale.Hosting;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>
/// The contract against <c>read-replica</c>: sessions in Redis, cart changes on the PostgreSQL primary, cart reads from
/// a streaming replica the launcher started (<c>pg_basebackup</c>, hot standby). The one part of the contract it does not
/// keep is read-your-writes: a cart read right after a change may come from a replica that has not replayed it yet, so
/// those reads are expected to be stale at first and read again until the change shows (<see cref="ApiContractTests.ReadsItsWrites"/>).
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class ReadReplicaApiTests(RealClusterFixture cluster) : BaselineApiTests(cluster, BaselineDesigns.ReadReplica)
{
    protected override bool ReadsItsWrites => false;
}
