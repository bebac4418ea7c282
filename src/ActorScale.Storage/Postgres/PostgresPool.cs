using Npgsql;

namespace ActorScale.Storage.Postgres;

/// <summary>
/// The pool settings every server uses, silo and baseline alike, so the comparison gives both the same database client:
/// statements used twice are prepared on each pooled connection, and a connection goes back to the pool without
/// Npgsql's reset batch (our code never changes session state: no SET, temp tables, LISTEN or advisory locks in a request).
/// </summary>
public static class PostgresPool
{
    public static NpgsqlConnectionStringBuilder Tune(NpgsqlConnectionStringBuilder builder, int maxPoolSize)
    {
        builder.MaxPoolSize = maxPoolSize;
        builder.MaxAutoPrepare = 32;
        builder.AutoPrepareMinUsages = 2;
        builder.NoResetOnClose = true;
        return builder;
    }
}
