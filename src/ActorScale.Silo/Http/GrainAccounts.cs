using ActorScale.Abstractions;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary><see cref="IAccounts"/> on the user grains: the grain of the named user registers and logs in.</summary>
public sealed class GrainAccounts(UserGrains users) : IAccounts
{
    public async Task<string> RegisterAsync(string? userId, string? password, Guid operationId)
    {
        var grain = users.Account(userId);
        await grain.RegisterAsync(password ?? "", operationId);
        return UserKey.UserIdOf(grain.GetPrimaryKeyString());
    }

    public Task<LoginResult> LoginAsync(string? userId, string? password, string? clientAddress) =>
        users.Account(userId).LoginAsync(password ?? "", clientAddress);
}
