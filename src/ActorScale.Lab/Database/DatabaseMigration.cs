using ActorScale.Lab.Cluster;
using ActorScale.Storage.Postgres;

namespace ActorScale.Lab.Database;

/// <summary>
/// Applies the schema as the owner role. With <see cref="DatabaseSettings.OwnerConnectionString"/> set (the compose
/// <c>migrate</c> service), against those settings, first creating the roles and the database when an admin connection
/// is given; otherwise against the local cluster running in a folder.
/// </summary>
public static class DatabaseMigration
{
    /// <summary>Applies the missing migrations (idempotent); returns the versions applied, none when the schema is current.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(DatabaseSettings settings, ClusterHome home, ILabOutput output, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> owners;
        var appRole = settings.AppRole;
        var readerRole = settings.ReaderPassword is not null || settings.ReaderPasswordFile is not null ? settings.ReaderRole : null;
        if (settings.OwnerConnectionString is not null)
        {
            if (settings.AdminConnectionString is not null)
            {
                await output.StepAsync("database roles", () => PostgresBootstrap.EnsureAsync(settings.AdminConnection()!, settings.Roles(), cancellationToken));
            }

            owners = [settings.OwnerConnection()!];
        }
        else
        {
            var cluster = new LocalCluster(home, output);
            // Every shard server of the local cluster: a silo reads state from each.
            owners = cluster.ShardOwnerConnectionStrings(await cluster.RequireRunningAsync());
            appRole = DatabaseRoles.DefaultAppRole;
            readerRole = DatabaseRoles.DefaultReaderRole;
        }

        var applied = new SortedSet<int>();
        foreach (var owner in owners)
        {
            applied.UnionWith(await output.StepAsync("schema migrations", () => PostgresSchema.MigrateAsync(owner, appRole, readerRole, cancellationToken)));
        }

        return [.. applied];
    }
}
