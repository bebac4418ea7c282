using ActorScale.Storage.Postgres;

namespace ActorScale.Baseline.Storage;

/// <summary>
/// The baseline's versioned schema <c>baseline</c>, beside the silos' <c>orleans</c> schema and migrated the same way
/// (<see cref="SchemaMigrator"/>), recorded in <c>baseline.schema_version</c>. It runs as the owner role
/// (<c>ActorScale.Baseline migrate</c>); servers connect as the baseline role (not the silos' application role), which
/// may read and write rows but not change the schema.
/// </summary>
public static class BaselineSchema
{
    public const string SchemaName = "baseline";

    private const long MigrationLockKey = 0x4261736c696e6531;

    private static readonly IReadOnlyList<Migration> Migrations = SchemaMigrator.Load(typeof(BaselineSchema).Assembly, "baseline-migrations/");

    /// <summary>The version servers of this build need.</summary>
    public static int RequiredVersion => Migrations[^1].Version;

    /// <summary>Applies the missing migrations and grants <paramref name="appRole"/> its rights (and <paramref name="readerRole"/>, when given, reading); returns the versions applied.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(string ownerConnectionString, string appRole, string? readerRole = null, CancellationToken cancellationToken = default)
    {
        PostgresSchema.RequireRoleName(appRole);
        var reader = readerRole is null ? "" : PostgresSchema.ReaderGrants(readerRole, SchemaName, ["schema_version", "accounts", "carts", "orders"]);
        return SchemaMigrator.MigrateAsync(ownerConnectionString, SchemaName, MigrationLockKey, Migrations, $"""
            GRANT USAGE ON SCHEMA {SchemaName} TO {appRole};
            GRANT SELECT ON {SchemaName}.schema_version TO {appRole};
            REVOKE ALL ON {SchemaName}.accounts, {SchemaName}.carts, {SchemaName}.orders, {SchemaName}.operations FROM {appRole};
            GRANT SELECT, INSERT, UPDATE ON {SchemaName}.accounts, {SchemaName}.carts, {SchemaName}.orders TO {appRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON {SchemaName}.operations TO {appRole};
            {reader}
            """, cancellationToken);
    }
}
