using System.Text.RegularExpressions;
using Npgsql;

namespace ActorScale.Storage.Postgres;

/// <summary>
/// The versioned schema: migrations are applied in order, each once, under an advisory lock, and recorded in
/// <c>orleans.schema_version</c>. Running it again is a no-op. It runs as the owner role; silos connect as the
/// application role, which may read and write state but not create, alter or drop anything.
/// </summary>
public static partial class PostgresSchema
{
    /// <summary>The schema that holds every ActorScale table; silos put it on their search path.</summary>
    public const string SchemaName = "orleans";

    /// <summary>Arbitrary constant for <c>pg_advisory_xact_lock</c>: concurrent migrators wait for each other.</summary>
    private const long MigrationLockKey = 0x4163746f72536361;

    public static IReadOnlyList<Migration> Migrations { get; } = SchemaMigrator.Load(typeof(PostgresSchema).Assembly, "migrations/");

    /// <summary>The version a silo of this build needs.</summary>
    public static int RequiredVersion => Migrations[^1].Version;

    /// <summary>
    /// Applies the missing migrations and grants the application role its rights, and the reader role (when given) the
    /// right to read state and the version; returns the versions applied.
    /// </summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(string ownerConnectionString, string appRole, string? readerRole = null, CancellationToken cancellationToken = default)
    {
        RequireRoleName(appRole);
        var reader = readerRole is null ? "" : ReaderGrants(readerRole, SchemaName, ["schema_version", "grain_state"]);
        return SchemaMigrator.MigrateAsync(ownerConnectionString, SchemaName, MigrationLockKey, Migrations, $"""
            GRANT USAGE ON SCHEMA {SchemaName} TO {appRole};
            GRANT SELECT ON {SchemaName}.schema_version, {SchemaName}.orleansquery TO {appRole};
            REVOKE ALL ON {SchemaName}.grain_state FROM {appRole};
            GRANT SELECT, INSERT, UPDATE ON {SchemaName}.grain_state TO {appRole};
            {reader}
            """, cancellationToken);
    }

    /// <summary>The statements that let <paramref name="readerRole"/> read <paramref name="tables"/> of a schema and nothing more.</summary>
    public static string ReaderGrants(string readerRole, string schema, IReadOnlyList<string> tables)
    {
        RequireRoleName(readerRole);
        var names = string.Join(", ", tables.Select(t => $"{schema}.{t}"));
        return $"""
            GRANT USAGE ON SCHEMA {schema} TO {readerRole};
            REVOKE ALL ON {names} FROM {readerRole};
            GRANT SELECT ON {names} TO {readerRole};
            """;
    }

    /// <summary>The schema version a database has, or null when the schema is missing.</summary>
    public static async Task<int?> GetVersionAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT max(version) FROM {SchemaName}.schema_version", connection);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is int version ? version : null;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return null;
        }
    }

    /// <summary>Role names are interpolated into DDL, so only plain lower-case identifiers are accepted.</summary>
    public static void RequireRoleName(string role)
    {
        if (!RoleName().IsMatch(role))
        {
            throw new ArgumentException($"'{role}' is not a plain role name (a-z, 0-9, _; at most 63 characters)", nameof(role));
        }
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
