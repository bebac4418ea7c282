using ActorScale.Baseline.Sessions;
using ActorScale.Baseline.Storage;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Telemetry;
using ActorScale.Domain.Users;
using ActorScale.Domain.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ActorScale.Baseline.Accounts;

/// <summary>
/// Register and login against <c>baseline.accounts</c>, with the grains' rules: the same validation, PBKDF2 hashes behind
/// the process's <see cref="PasswordGate"/>, failed logins throttled per (client address, user). The throttle is this
/// server's memory: with several servers behind a balancer an address gets each server's allowance (the account's old
/// <c>failed_logins</c>/<c>locked_until</c> columns are no longer used). A login that passes opens a session in the design's store.
/// </summary>
public sealed class AccountService(BaselineShards shards, ISessionDesign sessions, PasswordGate passwords, IOptions<AdmissionOptions> admission, TimeProvider time) : IAccounts
{
    private const string AccountKind = "account";

    private readonly LoginThrottle _failures = new(admission.Value, admission.Value.LoginPairsPerServer);

    /// <summary>Creates the account and its empty cart in one transaction; a retry with the same operation id succeeds once more.</summary>
    public async Task<string> RegisterAsync(string? userId, string? password, Guid operationId)
    {
        var user = UserIds.Normalize(userId);
        InputRules.RequireUserId(user);
        InputRules.RequirePassword(password);
        var hash = await passwords.HashAsync(password!);

        await using var connection = await shards.For(user).OpenConnectionAsync();
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

    /// <summary>
    /// Checks the password, with failures throttled per (client address, user) on this server, and opens a session. An
    /// unknown user costs the same hash (against a dummy) and gets the same answer as a wrong password.
    /// </summary>
    public async Task<LoginResult> LoginAsync(string? userId, string? password, string? clientAddress)
    {
        var user = UserIds.Normalize(userId);
        InputRules.RequireUserId(user);
        InputRules.RequirePassword(password);
        var caller = $"{clientAddress}|{user}";
        _failures.ThrowIfWaiting(caller, time.GetUtcNow());

        // A single statement on a pooled connection: none is held while the password hash is computed.
        string? hash;
        await using (var find = Sql.Command(shards.For(user), "SELECT password_hash FROM baseline.accounts WHERE user_id = $1", user))
        {
            hash = await find.ExecuteScalarAsync() as string;
        }

        if (!await passwords.VerifyAsync(password!, hash))
        {
            _failures.Failed(caller, time.GetUtcNow());
            throw SessionErrors.InvalidCredentials();
        }

        _failures.Succeeded(caller);
        var opened = await sessions.OpenAsync(user);
        ActorScaleMetrics.SessionsOpened.Add(1);
        return opened;
    }
}
