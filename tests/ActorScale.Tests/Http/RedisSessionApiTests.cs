using ActorScale.Hosting;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>The contract against <c>redis-session</c>: opaque tokens, sessions in Redis, carts in PostgreSQL.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class RedisSessionApiTests(RealClusterFixture cluster) : BaselineApiTests(cluster, BaselineDesigns.RedisSession);
