using Npgsql;

namespace ActorScale.Storage.Postgres;

/// <summary>
/// Creates (or re-passwords) the roles (<see cref="DatabaseRoles"/>) and the database, as a superuser. Run once by the local
/// launcher and by the compose <c>migrate</c> service; the silos never hold superuser or owner credentials.
/// </summary>
public static class PostgresBootstrap
{
    public static async Task EnsureAsync(string adminConnectionString, DatabaseRoles roles, CancellationToken cancellationToken = default)
    {
        PostgresSchema.RequireRoleName(roles.Database);
        PostgresSchema.RequireRoleName(roles.OwnerRole);
        PostgresSchema.RequireRoleName(roles.AppRole);
        PostgresSchema.RequireRoleName(roles.BaselineRole);
        PostgresSchema.RequireRoleName(roles.ReaderRole);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await EnsureRoleAsync(connection, roles.OwnerRole, roles.OwnerPassword, cancellationToken);
        var connecting = new List<string>();
        foreach (var (role, password) in new[] { (roles.AppRole, roles.AppPassword), (roles.BaselineRole, roles.BaselinePassword), (roles.ReaderRole, roles.ReaderPassword) })
        {
            if (password is not null)
            {
                await EnsureRoleAsync(connection, role, password, cancellationToken);
                connecting.Add(role);
            }
        }

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @d", connection))
        {
            exists.Parameters.AddWithValue("d", roles.Database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // CREATE DATABASE cannot run inside a transaction or a DO block.
                await PostgresSchema.ExecuteAsync(connection, $"CREATE DATABASE {roles.Database} OWNER {roles.OwnerRole}", cancellationToken);
            }
        }

        // The other roles connect and nothing else on the database: no temporary tables (none of them makes one).
        await PostgresSchema.ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {roles.Database} FROM PUBLIC;", cancellationToken);
        foreach (var role in connecting)
        {
            await PostgresSchema.ExecuteAsync(connection, $"""
                REVOKE ALL ON DATABASE {roles.Database} FROM {role};
                GRANT CONNECT ON DATABASE {roles.Database} TO {role};
                """, cancellationToken);
        }
    }

    /// <summary>
    /// The role a streaming replica connects to the primary as (<c>pg_basebackup</c>, then <c>primary_conninfo</c>): it
    /// may replicate and log in, and nothing else; it gets no database (a replication connection needs none).
    /// </summary>
    public static async Task EnsureReplicationRoleAsync(string adminConnectionString, string role, string password, CancellationToken cancellationToken = default)
    {
        PostgresSchema.RequireRoleName(role);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await EnsureRoleAsync(connection, role, password, cancellationToken, replication: true);
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string password, CancellationToken cancellationToken, bool replication = false)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = @r", connection);
        exists.Parameters.AddWithValue("r", role);
        var verb = await exists.ExecuteScalarAsync(cancellationToken) is null ? "CREATE" : "ALTER";

        // Role DDL takes no parameters, so the statement's text is what the server logs and pg_stat_statements keeps:
        // it carries the SCRAM verifier computed here, never the password.
        await PostgresSchema.ExecuteAsync(
            connection,
            $"{verb} ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE {(replication ? "REPLICATION" : "NOREPLICATION")} PASSWORD '{ScramVerifier.Compute(password)}'",
            cancellationToken);
    }
}
