using ActorScale.Domain.Sessions;

namespace ActorScale.Http.Contract;

/// <summary>Accounts: what <c>POST /api/users</c> and <c>POST /api/sessions</c> ask of a server.</summary>
public interface IAccounts
{
    /// <summary>Creates the account; returns the user id as stored (case-folded). Durable before it returns; applied once per operation id.</summary>
    Task<string> RegisterAsync(string? userId, string? password, Guid operationId);

    /// <summary>Checks the password and opens a session; failed attempts count towards the lockout.</summary>
    Task<LoginResult> LoginAsync(string? userId, string? password);
}
