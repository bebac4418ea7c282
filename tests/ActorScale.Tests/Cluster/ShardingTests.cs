using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using ActorScale.Lab.Sharding;
using ActorScale.Silo.Sharding;
using ActorScale.Storage.Sharding;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Online resharding of the grain storage on the real cluster, with the chaos ledger as the judge: one PostgreSQL
/// becomes two while virtual users write, the resharder process and a silo are SIGKILLed midway, the resharding is
/// resumed; then the cluster goes back to one shard (the other tests of the collection read the first server).
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class ShardingTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task ReshardOneToTwo_UnderLoad_ResharderAndASiloKilledMidway_LedgerClean_EveryRowOnItsShard_ThenBackToOne()
    {
        var settings = new ChaosSettings { Duration = TimeSpan.FromSeconds(30), Users = 12, KillEvery = TimeSpan.FromSeconds(8), Mode = FaultMode.Reshard, ReshardTo = 2, ReshardRowsPerSecond = 100, Seed = 21 };
        try
        {
            var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, Path.Combine(cluster.Home.Root, "chaos-reshard"), CancellationToken.None);
            var state = cluster.Refresh();

            Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
            Assert.Equal(1.0, report.SuccessAfterRetryRate);
            Assert.Single(report.Changes, c => c.Kind == "reshard");
            Assert.Equal(new ShardMap(0, [], 2, 2, ReshardPhase.Stable), cluster.Launcher.ShardMap()! with { Epoch = 0, Shards = [] });
            var rows = await RowsByShardAsync();
            Assert.All(rows, shard => Assert.NotEmpty(shard));
            Assert.All(rows.SelectMany((keys, shard) => keys.Select(key => (key, shard))), row => Assert.Equal(ShardHash.ShardOf(row.key, 2), row.shard));
            Assert.Contains(state.Silos, s => File.ReadAllText(s.LogFile).Contains(ShardedGrainStorage.FollowedLogLine, StringComparison.Ordinal));
        }
        finally
        {
            await new Resharder(cluster.Launcher, LabOutput.Null).RunAsync(1, 0, CancellationToken.None);
        }

        var back = await RowsByShardAsync();
        Assert.Empty(back[1]);
        Assert.Equal(1, cluster.Launcher.ShardMap()!.Count);
    }

    [Fact]
    public async Task Reshard_WhileAnotherRuns_IsRefusedInOneLine()
    {
        await using var holder = new NpgsqlConnection(cluster.Launcher.OwnerConnectionString(cluster.Refresh()) + ";Pooling=false");
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Resharder.LockKey})", holder))
        {
            await take.ExecuteScalarAsync();
        }

        var refused = await Assert.ThrowsAsync<UsageException>(() => new Resharder(cluster.Launcher, LabOutput.Null).RunAsync(2, 0, CancellationToken.None));

        Assert.Equal("another `db reshard` is running on this cluster", refused.Message);
        Assert.Equal(1, cluster.Launcher.ShardMap()!.Count);
    }

    /// <summary>The string keys of the state rows on each shard server.</summary>
    private async Task<List<List<string>>> RowsByShardAsync()
    {
        var shards = new List<List<string>>();
        foreach (var reader in cluster.Launcher.ShardReaderConnectionStrings(cluster.Refresh()))
        {
            await using var db = new NpgsqlConnection(reader + ";Pooling=false");
            await db.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT grain_ext FROM orleans.grain_state WHERE grain_ext IS NOT NULL", db);
            await using var rows = await query.ExecuteReaderAsync();
            var keys = new List<string>();
            while (await rows.ReadAsync())
            {
                keys.Add(rows.GetString(0));
            }

            shards.Add(keys);
        }

        return shards;
    }
}
