using ActorScale.Hosting;
using ActorScale.Storage.Postgres;
using ActorScale.Storage.Sharding;
using Npgsql;
using StackExchange.Redis;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// Checks the silo's dependencies before Orleans starts, so that a bad setting fails with one line that says what
/// to fix instead of a provider's stack trace (a missing schema otherwise aborts the process).
/// </summary>
public static class StartupChecks
{
    public static async Task<string?> FindProblemAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Fencing.FencingExtensions.FindProblem(configuration) is { } fencing)
        {
            return fencing;
        }

        var cluster = ClusterSettings.From(configuration);
        if (cluster.UsesTls)
        {
            try
            {
                ActorScale.Hosting.Tls.ClusterTls.Load(cluster.Tls);
            }
            catch (InvalidOperationException ex)
            {
                return FirstLine(ex.Message);
            }
        }

        var silo = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        if (silo.HttpsPort != 0 && !cluster.UsesTls)
        {
            return $"{SiloSettings.Section}:HttpsPort needs this silo's certificate: set {ClusterSettings.Section}:Tls:CertificateFile, KeyFile and TrustFile";
        }

        if (silo.HttpsPort != 0 && silo.HttpsPort == silo.HttpPort)
        {
            return $"{SiloSettings.Section}:HttpsPort and HttpPort must differ (both {silo.HttpPort})";
        }

        if (Dashboard.DashboardCredential.FindProblem(silo) is { } dashboard)
        {
            return dashboard;
        }

        if (cluster.UsesRedis)
        {
            try
            {
                var options = cluster.RedisOptions();
                options.AbortOnConnectFail = true;
                await using var redis = await ConnectionMultiplexer.ConnectAsync(options);

                // What Orleans does first (the table's version 0 where there is none): a user without the silo's rights
                // (the clients' read-only one) is then this one line, not a provider's stack trace.
                await redis.GetDatabase().HashSetAsync(cluster.MembershipKey, "Version", "0", When.NotExists);
            }
            catch (Exception ex) when (ex is RedisException or InvalidOperationException)
            {
                return $"cannot use Redis at {cluster.Redis} ({ClusterSettings.Section}:Redis, RedisUser, RedisPassword, RedisTrustFile): {FirstLine(ex.Message)}";
            }
        }

        var storage = configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        if (storage.Provider == StorageProvider.Postgres)
        {
            // With a shard map, every shard it places users on: a silo reads and writes each.
            IReadOnlyList<(string Name, string Connection)> servers;
            try
            {
                servers = storage.ShardMapFile is { Length: > 0 } mapFile
                    ? [.. ShardMapFile.Read(mapFile).Shards.Select((shard, i) => ($"shard {i}", SiloHostExtensions.PostgresConnectionString(storage.ForShard(shard))))]
                    : [("PostgreSQL", SiloHostExtensions.PostgresConnectionString(storage))];
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                return $"cannot use the storage settings ({StorageSettings.Section}): {FirstLine(ex.Message)}";
            }

            foreach (var (name, connection) in servers)
            {
                if (await SchemaProblemAsync(name, connection, cancellationToken) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    private static async Task<string?> SchemaProblemAsync(string name, string connection, CancellationToken cancellationToken)
    {
        int? version;
        try
        {
            version = await PostgresSchema.GetVersionAsync(connection, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return $"cannot use PostgreSQL{(name == "PostgreSQL" ? "" : $" {name}")} ({StorageSettings.Section}:PostgresConnectionString, PostgresPassword): {FirstLine(ex.Message)}";
        }

        var where = name == "PostgreSQL" ? "" : $" on {name}";
        return version is null ? $"the PostgreSQL schema is missing{where}: run `./actorscale db migrate` (or `./actorscale cluster up`)"
            : version < PostgresSchema.RequiredVersion ? $"the PostgreSQL schema is at version {version}{where}, this silo needs {PostgresSchema.RequiredVersion}: run `./actorscale db migrate`"
            : null;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
