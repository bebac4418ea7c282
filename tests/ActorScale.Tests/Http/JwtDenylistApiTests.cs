using ActorScale.Hosting;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>The contract against <c>jwt-denylist</c>: JWTs validated locally plus a Redis denylist read per request.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class JwtDenylistApiTests(RealClusterFixture cluster) : BaselineApiTests(cluster, BaselineDesigns.JwtDenylist)
{
    protected override void AssertTokenShape(string user, string? token) => JwtAssert.IsTokenOf(user, token);
}
