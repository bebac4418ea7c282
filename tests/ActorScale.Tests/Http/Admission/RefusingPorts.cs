using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Tests.Http.Admission;

/// <summary>Every port of the API answering at once without a store: logins and tokens fail, so a 429 can only come from admission control.</summary>
public sealed class RefusingPorts : IAccounts, ISessions, ICarts, IOrders, IReadiness
{
    public string Name => "admission-test";

    public Task<string> RegisterAsync(string? userId, string? password, Guid operationId) => Task.FromResult(userId ?? "");

    public Task<LoginResult> LoginAsync(string? userId, string? password, string? clientAddress) => throw SessionErrors.InvalidCredentials();

    public Task<SessionInfo> DescribeAsync(BearerToken token) => throw SessionErrors.Unknown();

    public Task LogoutAsync(BearerToken token, Guid operationId) => throw SessionErrors.Unknown();

    public Task<int> RevokeAllAsync(BearerToken token, Guid operationId) => throw SessionErrors.Unknown();

    public Task<CartView> GetAsync(BearerToken token, string? userId = null) => throw SessionErrors.Unknown();

    public Task<CartUpdate> AddAsync(BearerToken token, Guid operationId, string sku, int quantity) => throw SessionErrors.Unknown();

    public Task<CartUpdate> SetAsync(BearerToken token, Guid operationId, string sku, int quantity) => throw SessionErrors.Unknown();

    public Task<CartUpdate> RemoveAsync(BearerToken token, Guid operationId, string sku) => throw SessionErrors.Unknown();

    public Task<CartUpdate> ClearAsync(BearerToken token, Guid operationId) => throw SessionErrors.Unknown();

    public Task<Order> CheckoutAsync(BearerToken token, Guid operationId) => throw SessionErrors.Unknown();

    public Task<IReadOnlyList<Order>> ListAsync(BearerToken token, int after, int limit) => throw SessionErrors.Unknown();

    public string? Refusal() => null;

    public Task<string?> FindProblemAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
