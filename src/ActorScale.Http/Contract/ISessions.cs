using ActorScale.Domain.Sessions;

namespace ActorScale.Http.Contract;

/// <summary>The caller's session: what <c>/api/me</c>, logout and revoke-all ask of a server. Every method verifies the token first.</summary>
public interface ISessions
{
    /// <summary>The token's session and how many live sessions its user has.</summary>
    Task<SessionInfo> DescribeAsync(BearerToken token);

    /// <summary>Ends the token's session; in force on every server when it returns. Applied once per operation id.</summary>
    Task LogoutAsync(BearerToken token, Guid operationId);

    /// <summary>Ends every session of the token's user; returns how many were live. Applied once per operation id.</summary>
    Task<int> RevokeAllAsync(BearerToken token, Guid operationId);
}
