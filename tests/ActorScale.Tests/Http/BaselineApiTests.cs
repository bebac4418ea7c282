using ActorScale.Tests.Support;

namespace ActorScale.Tests.Http;

/// <summary>
/// The HTTP API contract against one design of the stateless baseline: two real <c>ActorScale.Baseline</c> processes
/// started by the launcher against the real Redis and PostgreSQL of the cluster fixture; requests alternate between them.
/// </summary>
public abstract class BaselineApiTests(RealClusterFixture cluster, string design) : ApiContractTests, IAsyncLifetime
{
    private List<Uri> _addresses = [];

    protected override IReadOnlyList<Uri> BaseAddresses => _addresses;

    public async Task InitializeAsync() => _addresses = [.. (await cluster.BaselineAsync(design)).Select(s => s.Address)];

    public Task DisposeAsync() => Task.CompletedTask;
}
