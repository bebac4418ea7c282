using System.Collections.Immutable;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Catalog;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;

namespace ActorScale.Baseline.Floor;

/// <summary>
/// The <c>noop</c> design: the floor of the comparison, not a design anyone should deploy. Every port of the HTTP
/// contract answers at once from memory, with fixed answers of the real answers' shapes and sizes (a three-line cart, a
/// session), and asks no store. The request still goes through the same nginx, Kestrel, middleware, token binding and
/// JSON as every other design, so its throughput is the most any design can serve behind this HTTP stack on this
/// machine. It checks no password and no token: anything with a bearer header is "the" user.
/// </summary>
public sealed class NoopApi : IAccounts, ISessions, ICarts, IOrders
{
    private const string UserId = "noop";
    private readonly LoginResult _login;
    private readonly SessionInfo _session;
    private readonly CartView _cart;

    public NoopApi(ProductCatalog catalog, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var expires = now.AddDays(1);
        _login = new LoginResult("noop." + new string('x', 40), UserId, expires, expires);
        _session = new SessionInfo(UserId, now, expires, expires, 1);
        _cart = new CartView(UserId, [.. catalog.Products.Take(3).Select(p => new CartLine(p.Sku, p.Name, 1, p.PriceCents))], 1);
    }

    public Task<string> RegisterAsync(string? userId, string? password, Guid operationId) => Task.FromResult(userId ?? UserId);

    public Task<LoginResult> LoginAsync(string? userId, string? password, string? clientAddress) => Task.FromResult(_login);

    public Task<SessionInfo> DescribeAsync(BearerToken token) => Task.FromResult(_session);

    public Task LogoutAsync(BearerToken token, Guid operationId) => Task.CompletedTask;

    public Task<int> RevokeAllAsync(BearerToken token, Guid operationId) => Task.FromResult(0);

    public Task<CartView> GetAsync(BearerToken token, string? userId = null) => Task.FromResult(_cart);

    public Task<CartUpdate> AddAsync(BearerToken token, Guid operationId, string sku, int quantity) => Updated(operationId);

    public Task<CartUpdate> SetAsync(BearerToken token, Guid operationId, string sku, int quantity) => Updated(operationId);

    public Task<CartUpdate> RemoveAsync(BearerToken token, Guid operationId, string sku) => Updated(operationId);

    public Task<CartUpdate> ClearAsync(BearerToken token, Guid operationId) => Updated(operationId);

    public Task<Order> CheckoutAsync(BearerToken token, Guid operationId) =>
        Task.FromResult(new Order("noop-1", _session.CreatedAt, _cart.Lines, operationId));

    public Task<IReadOnlyList<Order>> ListAsync(BearerToken token, int after, int limit) => Task.FromResult<IReadOnlyList<Order>>(ImmutableArray<Order>.Empty);

    private Task<CartUpdate> Updated(Guid operationId) => Task.FromResult(new CartUpdate(operationId, false, _cart.Version, _cart));
}
