using ActorScale.Domain.Users;
using ActorScale.Hosting;
using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Sharding;
using ActorScale.Silo.Sharding;
using ActorScale.Storage.Sharding;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Online resharding of the grain storage on the real cluster, with the chaos ledger as the judge: one PostgreSQL
/// becomes two while virtual users write, the resharder process and a silo are SIGKILLed midway, the resharding is
/// resumed; a baseline server started meanwhile puts each user's account on the same shard; then the cluster goes back
/// to one shard (the other tests of the collection read the first server).
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class ShardingTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task ReshardOneToTwo_UnderLoad_ResharderAndASiloKilledMidway_LedgerClean_EveryRowOnItsShard_BaselineAlike_ThenBackToOne()
    {
        var settings = new ChaosSettings { Duration = TimeSpan.FromSeconds(22), Users = 10, KillEvery = TimeSpan.FromSeconds(6), Mode = FaultMode.Reshard, ReshardTo = 2, ReshardRowsPerSecond = 100, Seed = 21 };
        try
        {
            var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, Path.Combine(cluster.Home.Root, "chaos-reshard"), CancellationToken.None);
            var state = cluster.Refresh();

            Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
            Assert.Equal(1.0, report.SuccessAfterRetryRate);
            Assert.Single(report.Changes, c => c.Kind == "reshard");
            Assert.Equal(new ShardMap(0, [], 2, 2, ReshardPhase.Stable), cluster.Launcher.ShardMap()! with { Epoch = 0, Shards = [] });
            var rows = await RowsByShardAsync(GrainKeys);
            Assert.All(rows, shard => Assert.NotEmpty(shard));
            Assert.All(rows.SelectMany((keys, shard) => keys.Select(key => (key, shard))), row => Assert.Equal(ShardHash.ShardOf(row.key, 2), row.shard));
            Assert.Contains(state.Silos, s => File.ReadAllText(s.LogFile).Contains(ShardedGrainStorage.FollowedLogLine, StringComparison.Ordinal));

            // The stateless baseline spreads the same users by the same hash over the same shards.
            var baseline = await cluster.Launcher.StartBaselineAsync(BaselineDesigns.RedisSession, 1, CancellationToken.None);
            try
            {
                using var http = new HttpClient();
                var users = Enumerable.Range(0, 8).Select(i => TestUsers.NewId($"shard{i}")).ToList();
                foreach (var user in users)
                {
                    await new HttpUserApi(http, baseline[0].Address, user).RegisterAsync("a long enough password", Guid.NewGuid());
                }

                var accounts = await RowsByShardAsync("SELECT user_id FROM baseline.accounts");
                Assert.All(users, user => Assert.Contains(UserIds.Normalize(user), accounts[ShardHash.ShardOf(UserIds.Key(user), 2)]));
            }
            finally
            {
                await BaselineServers.StopAsync(baseline);
            }
        }
        finally
        {
            await new Resharder(cluster.Launcher, LabOutput.Null).RunAsync(1, 0, CancellationToken.None);
        }

        var back = await RowsByShardAsync(GrainKeys);
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

    private const string GrainKeys = "SELECT grain_ext FROM orleans.grain_state WHERE grain_ext IS NOT NULL";

    /// <summary>What <paramref name="sql"/> (one text column) returns on each shard server, read as the owner.</summary>
    private async Task<List<List<string>>> RowsByShardAsync(string sql)
    {
        var shards = new List<List<string>>();
        foreach (var owner in cluster.Launcher.ShardOwnerConnectionStrings(cluster.Refresh()))
        {
            await using var db = new NpgsqlConnection(owner + ";Pooling=false");
            await db.OpenAsync();
            await using var query = new NpgsqlCommand(sql, db);
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
