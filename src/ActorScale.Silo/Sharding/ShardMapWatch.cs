using ActorScale.Storage.Sharding;
using Orleans.Storage;

namespace ActorScale.Silo.Sharding;

/// <summary>
/// The shard map this silo runs, re-read from its file every <see cref="Poll"/>. A new map is taken only once every
/// shard it lists answers; then the silo waits for its storage calls begun under the old map to end and acknowledges
/// the new epoch (<see cref="ShardMapFile.Acknowledge"/>). The resharder moves on only when every running silo has.
/// </summary>
public sealed partial class ShardMapWatch : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly string _path;
    private readonly string _silo;
    private readonly Func<string, Task<IGrainStorage>> _storageOf;
    private readonly ILogger<ShardMapWatch> _logger;
    private Epoch _current;

    /// <param name="path">The map file.</param>
    /// <param name="silo">This silo's name: its acknowledgement file.</param>
    /// <param name="storageOf">Opens a shard's storage (<see cref="ShardStorages.GetAsync"/>): a new map is taken once every shard it lists opens.</param>
    /// <param name="logger">Where taken maps are logged.</param>
    public ShardMapWatch(string path, string silo, Func<string, Task<IGrainStorage>> storageOf, ILogger<ShardMapWatch> logger)
    {
        _path = path;
        _silo = silo;
        _storageOf = storageOf;
        _logger = logger;
        _current = new Epoch(ShardMapFile.Read(path));
        ShardMapFile.Acknowledge(path, silo, _current.Map.Epoch);
    }

    public ShardMap Current => Volatile.Read(ref _current).Map;

    /// <summary>The map for one storage call; dispose it when the call ends, so an acknowledgement can wait for it.</summary>
    public Lease Acquire()
    {
        while (true)
        {
            var epoch = Volatile.Read(ref _current);
            Interlocked.Increment(ref epoch.InFlight);
            if (ReferenceEquals(epoch, Volatile.Read(ref _current)))
            {
                return new Lease(epoch);
            }

            // Swapped meanwhile: the swapper may already have seen this epoch drained, so use the new one.
            Interlocked.Decrement(ref epoch.InFlight);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TakeNewerAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotTaken(ex, _path);
            }
        }
    }

    private async Task TakeNewerAsync(CancellationToken cancellationToken)
    {
        var map = ShardMapFile.Read(_path);
        var old = Volatile.Read(ref _current);
        if (map.Epoch <= old.Map.Epoch)
        {
            return;
        }

        foreach (var shard in map.Shards.Take(Math.Max(map.Count, map.Target)))
        {
            await _storageOf(shard);
        }

        Volatile.Write(ref _current, new Epoch(map));
        while (Volatile.Read(ref old.InFlight) > 0)
        {
            await Task.Delay(5, cancellationToken);
        }

        ShardMapFile.Acknowledge(_path, _silo, map.Epoch);
        LogTaken(map.Epoch, map.Count, map.Target, map.Phase);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard map epoch {Epoch} taken: {Count} shards, target {Target}, phase {Phase}")]
    private partial void LogTaken(int epoch, int count, int target, ReshardPhase phase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A newer shard map in {Path} was not taken yet; trying again")]
    private partial void LogNotTaken(Exception ex, string path);

    /// <summary>One map and the storage calls in flight under it.</summary>
    internal sealed class Epoch(ShardMap map)
    {
        // A field: Interlocked needs it by reference.
        internal int InFlight;

        public ShardMap Map { get; } = map;
    }

    /// <summary>The map of one storage call.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly Epoch _epoch;

        internal Lease(Epoch epoch) => _epoch = epoch;

        public ShardMap Map => _epoch.Map;

        public void Dispose() => Interlocked.Decrement(ref _epoch.InFlight);
    }
}
