using ActorScale.Domain.Sessions;

namespace ActorScale.Http.Contract;

/// <summary>Accounts: what <c>POST /api/users</c> and <c>POST /api/sessions</c> ask of a server.</summary>
public interface IAccounts
{
    /// <summary>Creates the account; returns the user id as stored (case-folded). Durable before it returns; applied once per operation id.</summary>
    Task<string> RegisterAsync(string? userId, string? password, Guid operationId);

    /// <summary>
    /// Checks the password and opens a session. Failed attempts are throttled per (client address, user) with growing
    /// waits (<c>TooManyRequests</c>); an unknown user costs the same hash and gets the same answer as a wrong password.
    /// </summary>
    Task<LoginResult> LoginAsync(string? userId, string? password, string? clientAddress);
}
