using ActorScale.Hosting;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>The contract against <c>redis-cache</c>: sessions in Redis, carts in PostgreSQL cached in Redis (read-your-writes included).</summary>
[Collection(RealClusterCollection.Name)]
public sealed class RedisCacheApiTests(RealClusterFixture cluster) : BaselineApiTests(cluster, BaselineDesigns.RedisCache);
