using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// The cluster a chaos run breaks: the one running in a folder, or one of its own started for the run (in the folder's
/// <c>chaos-cluster</c>) and stopped, its data kept, when this is disposed.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly bool _own;

    private ChaosCluster(LocalCluster cluster, ClusterState state, bool own) => (Cluster, State, _own) = (cluster, state, own);

    public LocalCluster Cluster { get; }

    public ClusterState State { get; }

    /// <summary>
    /// The cluster running in <paramref name="home"/>, or with <paramref name="ownSilos"/> a new one of that many silos.
    /// Silos this launcher starts (a cluster of its own, restarts after faults) hash passwords with
    /// <paramref name="passwordIterations"/> PBKDF2 iterations: chaos measures crashes, not hashing.
    /// </summary>
    public static async Task<ChaosCluster> OpenAsync(ClusterHome home, int? ownSilos, int passwordIterations, ILabOutput output, CancellationToken cancellationToken, bool loadBalancer = false)
    {
        var folder = ownSilos is null ? home : new ClusterHome(Path.Combine(home.Root, "chaos-cluster"));
        var cluster = new LocalCluster(folder, output, new Dictionary<string, string> { ["ActorScale__Sessions__PasswordIterations"] = passwordIterations.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var state = ownSilos is { } count ? await cluster.UpAsync(count, cancellationToken) : await cluster.RequireRunningAsync();
        if (ownSilos is not null && loadBalancer)
        {
            state = await cluster.StartLoadBalancerAsync(state);
        }

        return new ChaosCluster(cluster, state, ownSilos is not null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_own)
        {
            await Cluster.DownAsync(purge: false);
        }
    }
}
