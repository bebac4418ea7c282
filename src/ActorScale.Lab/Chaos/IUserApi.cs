using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// What a virtual user asks of the system, whichever way it travels: to the grains through an Orleans client
/// (<see cref="GrainUserApi"/>) or to the HTTP API through the load balancer (<see cref="HttpUserApi"/>). Rejections
/// throw <c>ActorScaleException</c>; a transient one (or any other failure) is retried by the caller with the same id.
/// </summary>
public interface IUserApi
{
    Task RegisterAsync(string password, Guid operationId);

    Task<LoginResult> LoginAsync(string password);

    Task LogoutAsync(string token, Guid operationId);

    Task<int> RevokeAllAsync(string token, Guid operationId);

    Task<TokenCheck> ValidateAsync(string token);

    Task<CartView> GetCartAsync(string token);

    Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity);

    Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity);

    Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku);

    Task<CartUpdate> ClearAsync(string token, Guid operationId);

    Task<Order> CheckoutAsync(string token, Guid operationId);
}
