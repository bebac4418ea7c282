using Npgsql;
using NpgsqlTypes;

namespace ActorScale.Baseline.Storage;

/// <summary>
/// Commands with positional parameters (<c>$1</c>, <c>$2</c>…). The data source auto-prepares them: after a few uses
/// each statement runs as a prepared statement on every pooled connection.
/// </summary>
public static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    /// <summary>A command on a pooled connection of its own, for a single statement outside a transaction.</summary>
    public static NpgsqlCommand Command(NpgsqlDataSource database, string sql, params object?[] values)
    {
        var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    /// <summary>A JSON document for a <c>jsonb</c> column.</summary>
    public static NpgsqlParameter Json(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        NpgsqlParameter parameter => parameter,
        null => new NpgsqlParameter { Value = DBNull.Value },
        DateTimeOffset at => new NpgsqlParameter { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
        _ => new NpgsqlParameter { Value = value },
    };
}
