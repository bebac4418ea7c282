using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary><see cref="ISessions"/> on the user grains: the token's user's grain checks it and answers.</summary>
public sealed class GrainSessions(UserGrains users) : ISessions
{
    public Task<SessionInfo> DescribeAsync(BearerToken token) => users.Sessions(token).WhoAmIAsync(token.Value);

    public Task LogoutAsync(BearerToken token, Guid operationId) => users.Sessions(token).LogoutAsync(token.Value, operationId);

    public Task<int> RevokeAllAsync(BearerToken token, Guid operationId) => users.Sessions(token).RevokeAllAsync(token.Value, operationId);
}
