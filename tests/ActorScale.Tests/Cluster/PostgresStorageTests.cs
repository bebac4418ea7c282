using System.Text;
using ActorScale.Abstractions;
using ActorScale.Grains.Users;
using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>Our PostgreSQL schema under the Orleans ADO.NET provider: identity, concurrency, privileges, secrets.</summary>
[Collection(RealClusterCollection.Name)]
public sealed class PostgresStorageTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task StateRows_AreVisibleToTheAppRole_WhichCannotCreateAlterDropDeleteOrMakeTemporaryTables()
    {
        var (user, token) = await cluster.Client.SignUpAsync("rows");
        await cluster.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "cable-usb-c", 3);
        await using var db = await OpenAppAsync();

        await using var query = new NpgsqlCommand("SELECT state_name, convert_from(payload, 'UTF8') FROM orleans.grain_state WHERE grain_ext = @k ORDER BY state_name", db);
        query.Parameters.AddWithValue("k", UserKey.For(user));
        var rows = new List<(string Name, string Payload)>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal([StateNames.Cart, StateNames.Session], rows.Select(r => r.Name));
        Assert.Contains("\"sku\":\"cable-usb-c\",\"quantity\":3", rows[0].Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[^1], rows[1].Payload, StringComparison.Ordinal);
        foreach (var ddl in new[] { "DROP TABLE orleans.grain_state", "ALTER TABLE orleans.grain_state ADD COLUMN x int", "CREATE TABLE orleans.sneaky (x int)", "TRUNCATE orleans.grain_state", "DELETE FROM orleans.grain_state WHERE false", "CREATE TEMPORARY TABLE sneaky (x int)" })
        {
            await using var command = new NpgsqlCommand(ddl, db);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    [Fact]
    public async Task RolePerPurpose_SilosBaselineAndReader_EachReachesOnlyWhatItUses()
    {
        var (user, token) = await cluster.Client.SignUpAsync("roles");
        await cluster.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "cable-usb-c", 1);
        var state = cluster.Refresh();
        await ActorScale.Baseline.Storage.BaselineSchema.MigrateAsync(cluster.Launcher.OwnerConnectionString(state), DatabaseRoles.DefaultBaselineRole, DatabaseRoles.DefaultReaderRole);
        var home = cluster.Home;
        await using var app = await OpenAppAsync();
        await using var baseline = await OpenAsync(PostgresServer.ConnectionString(state.PostgresPort, DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultBaselineRole, home.Secret(home.PostgresBaselinePasswordFile)));
        await using var reader = await OpenAsync(cluster.Launcher.ReaderConnectionString(state));

        await AssertRefusedAsync(app, "SELECT count(*) FROM baseline.accounts");
        await AssertRefusedAsync(baseline, "SELECT count(*) FROM orleans.grain_state");
        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM baseline.accounts WHERE false", baseline).ExecuteScalarAsync());

        await using (var rows = new NpgsqlCommand("SELECT count(*) FROM orleans.grain_state WHERE grain_ext = @k", reader))
        {
            rows.Parameters.AddWithValue("k", UserKey.For(user));
            Assert.Equal(2L, await rows.ExecuteScalarAsync());
        }

        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM baseline.accounts WHERE false", reader).ExecuteScalarAsync());
        foreach (var write in new[] { "UPDATE orleans.grain_state SET version = version WHERE false", "INSERT INTO orleans.grain_state (version) SELECT 1 WHERE false", "DELETE FROM baseline.operations WHERE false", "UPDATE baseline.accounts SET user_id = user_id WHERE false", "CREATE TEMPORARY TABLE sneaky (x int)" })
        {
            await AssertRefusedAsync(reader, write);
        }
    }

    [Fact]
    public async Task RolePasswords_ReachTheServerAsScramVerifiersOnly_NeverInAStatementsText_AndStillLogIn()
    {
        var home = cluster.Home;
        var state = cluster.Refresh();
        var admin = PostgresServer.AdminConnectionString(state.PostgresPort, home.Secret(home.PostgresAdminPasswordFile));
        var roles = new DatabaseRoles(DatabaseRoles.DefaultDatabase, DatabaseRoles.DefaultOwnerRole, home.Secret(home.PostgresOwnerPasswordFile), DatabaseRoles.DefaultAppRole, home.Secret(home.PostgresAppPasswordFile));
        await using (var db = new NpgsqlConnection(admin))
        {
            await db.OpenAsync();
            await new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", db).ExecuteNonQueryAsync();
        }

        // What `cluster up` runs on every start: the roles exist, so they are given their passwords again.
        await PostgresBootstrap.EnsureAsync(admin, roles);

        await using (var db = new NpgsqlConnection(admin))
        {
            await db.OpenAsync();
            await using var statements = new NpgsqlCommand("SELECT count(*) FILTER (WHERE query LIKE '%' || @owner || '%' OR query LIKE '%' || @app || '%'), count(*) FILTER (WHERE query LIKE '%ROLE actorscale_app%') FROM pg_stat_statements", db);
            statements.Parameters.AddWithValue("owner", roles.OwnerPassword);
            statements.Parameters.AddWithValue("app", roles.AppPassword);
            await using var reader = await statements.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((0L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        }

        await using var app = await OpenAppAsync();
        Assert.Equal(1, await new NpgsqlCommand("SELECT 1", app).ExecuteScalarAsync());
    }

    [Fact]
    public async Task HexLookingUsers_KeepSeparateSessionsAndCarts_AfterReactivationFromStorage()
    {
        var suffix = Random.Shared.Next(0x100, 0xfff).ToString("x3", System.Globalization.CultureInfo.InvariantCulture);
        var (a, b) = ($"ab{suffix}", $"0ab{suffix}");
        var tokens = new Dictionary<string, string>();
        foreach (var (user, sku) in new[] { (a, "mug-actor"), (b, "lamp-desk") })
        {
            await cluster.Client.Session(user).RegisterAsync(TestUsers.Password, Guid.NewGuid());
            tokens[user] = (await cluster.Client.Session(user).LoginAsync(TestUsers.Password)).Token;
            await cluster.Client.Cart(user).AddAsync(tokens[user], Guid.NewGuid(), sku, 1);
        }

        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal("mug-actor", Assert.Single((await cluster.Client.Cart(a).GetAsync(tokens[a])).Lines).Sku);
        Assert.Equal("lamp-desk", Assert.Single((await cluster.Client.Cart(b).GetAsync(tokens[b])).Lines).Sku);
        Assert.Equal(ActorScale.Domain.Sessions.TokenStatus.Invalid, (await cluster.Client.Session(b).ValidateAsync(tokens[a])).Status);
        await using var db = await OpenAppAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans.grain_state WHERE grain_ext IN (@a, @b) AND grain_n0 = 0 AND grain_n1 = 0", db);
        count.Parameters.AddWithValue("a", UserKey.For(a));
        count.Parameters.AddWithValue("b", UserKey.For(b));
        Assert.Equal(4L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ConcurrentFirstWrites_ExactlyOneWinnerPerGrain_NoDuplicateRows_AndEveryGrainStillActivates()
    {
        const int grains = 40;
        const int writers = 16;
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, grains).Select(i => UserKey.For($"race-{run}-{i}")).ToList();
        var write = await QueryTextAsync("WriteToStorageKey");
        var payload = Encoding.UTF8.GetBytes("{\"version\":0,\"lines\":[],\"orders\":[],\"operations\":[]}");

        // Every writer believes the grain is new (version NULL), as two activations racing their first write do.
        var outcomes = await Task.WhenAll(keys.SelectMany(key => Enumerable.Range(0, writers).Select(async _ =>
        {
            await using var db = await OpenAppAsync();
            await using var command = new NpgsqlCommand(write, db);
            Bind(command, key);
            command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", System.Data.DbType.Int32) { Value = DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("PayloadBinary", System.Data.DbType.Binary) { Value = payload });
            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    rows++;
                }
            }
            while (await reader.NextResultAsync());
            return (key, rows);
        })));

        Assert.All(outcomes.GroupBy(o => o.key), g => Assert.Equal(1, g.Sum(o => o.rows)));
        await using (var db = await OpenAppAsync())
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans.grain_state WHERE grain_ext LIKE @p", db);
            count.Parameters.AddWithValue("p", $"u:race-{run}-%");
            Assert.Equal((long)grains, await count.ExecuteScalarAsync());
        }

        foreach (var key in keys)
        {
            await cluster.Client.GetGrain<ActorScale.Abstractions.Carts.ICartGrain>(key).LocateAsync();
        }
    }

    [Fact]
    public async Task ReadQuery_UsesThePrimaryKeyIndex_NotAScan()
    {
        var read = await QueryTextAsync("ReadFromStorageKey");
        await using var db = await OpenAppAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", db))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + read, db);
        Bind(explain, UserKey.For("nobody-in-particular"));
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        Assert.Contains("grain_state_pk", plan.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_NeverAppearInAnyLog()
    {
        await cluster.Client.SignUpAsync("logs");
        var secrets = RedisUsers.All.Select(cluster.Home.RedisPasswordFile)
            .Concat([cluster.Home.PostgresAdminPasswordFile, cluster.Home.PostgresOwnerPasswordFile, cluster.Home.PostgresAppPasswordFile])
            .Select(f => File.ReadAllText(f).Trim())
            .ToList();
        var logs = Directory.GetFiles(cluster.Home.LogsDir).Append(Path.Combine(Path.GetDirectoryName(cluster.Refresh().PostgresDataDir)!, "server.log")).ToList();

        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            var text = await File.ReadAllTextAsync(log);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    private async Task<NpgsqlConnection> OpenAppAsync()
    {
        var db = new NpgsqlConnection(cluster.Launcher.AppConnectionString(cluster.Refresh()) + ";Maximum Pool Size=40");
        await db.OpenAsync();
        return db;
    }

    private async Task<string> QueryTextAsync(string key)
    {
        await using var db = await OpenAppAsync();
        await using var command = new NpgsqlCommand("SELECT querytext FROM orleans.orleansquery WHERE querykey = @k", db);
        command.Parameters.AddWithValue("k", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync();
        return db;
    }

    private static async Task AssertRefusedAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.True(error.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
    }

    /// <summary>The identity parameters exactly as the ADO.NET provider binds them for a string-keyed grain.</summary>
    private void Bind(NpgsqlCommand command, string key)
    {
        command.Parameters.Add(new NpgsqlParameter("GrainIdHash", System.Data.DbType.Int32) { Value = 0 });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN0", System.Data.DbType.Int64) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainIdN1", System.Data.DbType.Int64) { Value = 0L });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", System.Data.DbType.Int32) { Value = 0 });
        command.Parameters.Add(new NpgsqlParameter("GrainTypeString", System.Data.DbType.String) { Value = StateNames.Cart });
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", System.Data.DbType.String) { Value = key });
        command.Parameters.Add(new NpgsqlParameter("ServiceId", System.Data.DbType.String) { Value = cluster.State.ServiceId });
    }
}
