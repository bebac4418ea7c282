using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;

namespace ActorScale.Lab.Chaos;

/// <summary>A user's calls straight to its grain through an Orleans client (the gateways).</summary>
public sealed class GrainUserApi(IClusterClient client, string user) : IUserApi
{
    private IUserSessionGrain Session => client.GetGrain<IUserSessionGrain>(UserKey.For(user));

    private ICartGrain Cart => client.GetGrain<ICartGrain>(UserKey.For(user));

    public Task RegisterAsync(string password, Guid operationId) => Session.RegisterAsync(password, operationId);

    public Task<LoginResult> LoginAsync(string password) => Session.LoginAsync(password);

    public Task LogoutAsync(string token, Guid operationId) => Session.LogoutAsync(token, operationId);

    public Task<int> RevokeAllAsync(string token, Guid operationId) => Session.RevokeAllAsync(token, operationId);

    public Task<TokenCheck> ValidateAsync(string token) => Session.ValidateAsync(token);

    public Task<CartView> GetCartAsync(string token) => Cart.GetAsync(token);

    public Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity) => Cart.AddAsync(token, operationId, sku, quantity);

    public Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity) => Cart.SetAsync(token, operationId, sku, quantity);

    public Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku) => Cart.RemoveAsync(token, operationId, sku);

    public Task<CartUpdate> ClearAsync(string token, Guid operationId) => Cart.ClearAsync(token, operationId);

    public Task<Order> CheckoutAsync(string token, Guid operationId) => Cart.CheckoutAsync(token, operationId);
}
