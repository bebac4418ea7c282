using System.Globalization;
using System.Reflection;
using Npgsql;

namespace ActorScale.Storage.Postgres;

/// <summary>
/// Applies the numbered migrations of one schema in order, each once, in one transaction under an advisory lock,
/// recorded in <c>{schema}.schema_version</c>, then grants the application role its rights. Running it again is a
/// no-op. Shared by the silos' schema (<see cref="PostgresSchema"/>) and the stateless baseline's.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Applies what is missing; returns the versions applied.</summary>
    /// <param name="ownerConnectionString">A connection of the schema's owner.</param>
    /// <param name="schemaName">A plain identifier: it is interpolated into DDL.</param>
    /// <param name="lockKey">The schema's own <c>pg_advisory_xact_lock</c> key: concurrent migrators wait for each other.</param>
    /// <param name="migrations">The schema's migrations, in version order.</param>
    /// <param name="grants">The GRANT statements run after the migrations, in the same transaction.</param>
    /// <param name="cancellationToken">Cancels the whole migration (nothing is committed).</param>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        string ownerConnectionString, string schemaName, long lockKey, IReadOnlyList<Migration> migrations, string grants, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PostgresSchema.ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        await PostgresSchema.ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schemaName};
            CREATE TABLE IF NOT EXISTS {schemaName}.schema_version (
                version     integer     NOT NULL PRIMARY KEY,
                name        text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand($"SELECT version FROM {schemaName}.schema_version", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var done = new List<int>();
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            await PostgresSchema.ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO {schemaName}.schema_version (version, name) VALUES (@v, @n)", connection);
            record.Parameters.AddWithValue("v", migration.Version);
            record.Parameters.AddWithValue("n", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(migration.Version);
        }

        await PostgresSchema.ExecuteAsync(connection, grants, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>The migrations embedded in <paramref name="assembly"/> as <c>{prefix}NNNN_name.sql</c>, in version order.</summary>
    public static IReadOnlyList<Migration> Load(Assembly assembly, string prefix)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }
}
