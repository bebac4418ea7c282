namespace ActorScale.Lab.Cluster;

/// <summary>The stateless baseline beside the local cluster: servers that share its Redis and PostgreSQL.</summary>
public sealed partial class LocalCluster
{
    /// <summary>Starts <paramref name="count"/> baseline servers of <paramref name="design"/> (<c>redis-session</c>, <c>redis-cache</c>, <c>jwt</c>, <c>jwt-denylist</c>).</summary>
    public async Task<IReadOnlyList<BaselineServer>> StartBaselineAsync(string design, int count, CancellationToken cancellationToken)
    {
        var state = await RequireRunningAsync();
        var servers = new BaselineServers(home, state, siloSettings);
        return await output.StepAsync($"{count} baseline server(s), design {design}", () => servers.StartAsync(design, count, cancellationToken));
    }
}
