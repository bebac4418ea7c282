namespace ActorScale.Lab.Bench;

/// <summary>What a PostgreSQL statement does, as <see cref="PostgresStatementStats.Classify"/> tells it.</summary>
public enum StatementKind
{
    /// <summary>SELECT, WITH, VALUES or TABLE that changes no row (SELECT ... FOR UPDATE included).</summary>
    Read,

    /// <summary>INSERT, UPDATE, DELETE or MERGE anywhere in the statement, a CTE included.</summary>
    Write,

    /// <summary>Anything else: BEGIN, COMMIT, SET...</summary>
    Control,
}
