using ActorScale.Baseline.Sessions;
using ActorScale.Baseline.Storage;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Users;
using ActorScale.Domain.Validation;
using Microsoft.Extensions.Options;
using Npgsql;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Baseline.Accounts;

/// <summary>
/// Register and login against <c>baseline.accounts</c>, with the grains' rules: the same validation, PBKDF2 hashes,
/// failed-login counter and lockout. A login that passes opens a session in the design's store.
/// </summary>
public sealed class AccountService(NpgsqlDataSource database, ISessionDesign sessions, IOptions<SessionOptions> options, TimeProvider time) : IAccounts
{
    private const string AccountKind = "account";

    private readonly SessionOptions _options = options.Value;

    /// <summary>Creates the account and its empty cart in one transaction; a retry with the same operation id succeeds once more.</summary>
    public async Task<string> RegisterAsync(string? userId, string? password, Guid operationId)
    {
        var user = UserIds.Normalize(userId);
        InputRules.RequireUserId(user);
        InputRules.RequirePassword(password);
        var hash = PasswordHasher.Hash(password!, _options.PasswordIterations);

        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var replay = Sql.Command(connection, "SELECT kind FROM baseline.operations WHERE user_id = $1 AND operation_id = $2", user, operationId))
        {
            if (await replay.ExecuteScalarAsync() is string kind)
            {
                return kind == AccountKind ? user : throw OperationWindow.Reused();
            }
        }

        await using (var insert = Sql.Command(connection, "INSERT INTO baseline.accounts (user_id, password_hash, registered_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", user, hash, time.GetUtcNow()))
        {
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                throw SessionErrors.UserExists();
            }
        }

        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Sql.BatchCommand("INSERT INTO baseline.carts (user_id) VALUES ($1)", user),
                Sql.BatchCommand("INSERT INTO baseline.operations (user_id, operation_id, kind, version) VALUES ($1, $2, $3, 0)", user, operationId, AccountKind),
            },
        };
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return user;
    }

    /// <summary>Checks the password (counting failures, locking out after too many) and opens a session.</summary>
    public async Task<LoginResult> LoginAsync(string? userId, string? password)
    {
        var user = UserIds.Normalize(userId);
        InputRules.RequireUserId(user);
        InputRules.RequirePassword(password);

        // Single statements on pooled connections: none is held while the password hash is computed.
        string hash;
        int failedLogins;
        DateTimeOffset? lockedUntil;
        await using (var find = Sql.Command(database, "SELECT password_hash, failed_logins, locked_until FROM baseline.accounts WHERE user_id = $1", user))
        await using (var reader = await find.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                throw SessionErrors.InvalidCredentials();
            }

            (hash, failedLogins, lockedUntil) = (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2));
        }

        var now = time.GetUtcNow();
        if (lockedUntil is { } until && until > now)
        {
            throw SessionErrors.StillLockedOut(until, now);
        }

        if (!PasswordHasher.Verify(password!, hash))
        {
            // Counted in the database, atomically: concurrent failures on several servers all count.
            await using var fail = Sql.Command(
                database,
                """
                UPDATE baseline.accounts SET
                    failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                    locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
                WHERE user_id = $1
                RETURNING failed_logins = 0
                """,
                user,
                _options.MaxFailedLogins,
                now + _options.LockoutDuration);
            if (await fail.ExecuteScalarAsync() is true)
            {
                throw SessionErrors.LockedOut(_options);
            }

            throw SessionErrors.InvalidCredentials();
        }

        if (failedLogins != 0 || lockedUntil is not null)
        {
            await using var reset = Sql.Command(database, "UPDATE baseline.accounts SET failed_logins = 0, locked_until = NULL WHERE user_id = $1", user);
            await reset.ExecuteNonQueryAsync();
        }

        return await sessions.OpenAsync(user);
    }

}
