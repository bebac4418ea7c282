using ActorScale.Abstractions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Silo.Http;

/// <summary><see cref="ICarts"/> on the user grains: the token's user's grain checks the token and changes its cart in the same call.</summary>
public sealed class GrainCarts(UserGrains users) : ICarts
{
    public async Task<CartView> GetAsync(BearerToken token, string? userId = null)
    {
        if (userId is not null && UserKey.For(userId) != UserKey.For(UserGrains.ClaimedUser(token)))
        {
            // The caller's own grain checks the token first: an unknown token is 401 whichever user it asks about.
            await users.Sessions(token).WhoAmIAsync(token.Value);
            throw SessionErrors.OtherUser();
        }

        return await users.Cart(token).GetAsync(token.Value);
    }

    public Task<CartUpdate> AddAsync(BearerToken token, Guid operationId, string sku, int quantity) => users.Cart(token).AddAsync(token.Value, operationId, sku, quantity);

    public Task<CartUpdate> SetAsync(BearerToken token, Guid operationId, string sku, int quantity) => users.Cart(token).SetAsync(token.Value, operationId, sku, quantity);

    public Task<CartUpdate> RemoveAsync(BearerToken token, Guid operationId, string sku) => users.Cart(token).RemoveAsync(token.Value, operationId, sku);

    public Task<CartUpdate> ClearAsync(BearerToken token, Guid operationId) => users.Cart(token).ClearAsync(token.Value, operationId);
}
