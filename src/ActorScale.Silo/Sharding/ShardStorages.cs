using System.Collections.Concurrent;
using ActorScale.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace ActorScale.Silo.Sharding;

/// <summary>
/// One Orleans ADO.NET grain storage per shard server, made on first use (the schema and queries are the same on every
/// shard) and started once: the provider reads its queries from the shard's <c>orleansquery</c> table when it starts.
/// </summary>
/// <param name="services">The silo's services (logger, activator, serializer, cluster options).</param>
/// <param name="settings">The storage settings: password, pool size and the rest apply to every shard alike.</param>
public sealed class ShardStorages(IServiceProvider services, StorageSettings settings)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IGrainStorage>>> _storages = new(StringComparer.Ordinal);

    /// <summary>Every shard's full connection string made so far (with password: never log): the pools to clear when a server restarts.</summary>
    public IEnumerable<string> ConnectionStrings => _storages.Keys.Select(Full);

    /// <summary>The started storage of the shard at <paramref name="shard"/> (its connection string without password).</summary>
    public async Task<IGrainStorage> GetAsync(string shard)
    {
        var lazy = _storages.GetOrAdd(shard, key => new Lazy<Task<IGrainStorage>>(() => StartAsync(key)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A shard that was down at first use is tried again by the next call, not remembered as failed.
            _storages.TryRemove(new KeyValuePair<string, Lazy<Task<IGrainStorage>>>(shard, lazy));
            throw;
        }
    }

    private string Full(string shard) => SiloHostExtensions.PostgresConnectionString(settings.ForShard(shard));

    private async Task<IGrainStorage> StartAsync(string shard)
    {
        var options = new AdoNetGrainStorageOptions
        {
            Invariant = "Npgsql",
            ConnectionString = Full(shard),
            GrainStorageSerializer = services.GetRequiredService<IGrainStorageSerializer>(),
        };
        var storage = ActivatorUtilities.CreateInstance<AdoNetGrainStorage>(
            services, Options.Create(options), services.GetRequiredService<IOptions<ClusterOptions>>(), $"shard-{_storages.Count}");
        var start = new StartOnly();
        storage.Participate(start);
        await start.RunAsync();
        return storage;
    }

    /// <summary>A lifecycle that only starts: the provider's start opens its storage and reads its queries.</summary>
    private sealed class StartOnly : ISiloLifecycle
    {
        private readonly List<ILifecycleObserver> _observers = [];

        public int HighestCompletedStage => ServiceLifecycleStage.Active;

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add(observer);
            return new Unsubscribe();
        }

        public async Task RunAsync()
        {
            foreach (var observer in _observers)
            {
                await observer.OnStart(CancellationToken.None);
            }
        }

        private sealed class Unsubscribe : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
