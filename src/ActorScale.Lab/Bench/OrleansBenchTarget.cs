using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Catalog;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;

namespace ActorScale.Lab.Bench;

/// <summary>
/// The grains through the Orleans client: no HTTP and no load balancer; the client routes each call to the silo of the
/// user's grain. The revocation probe has one "server": the cluster, since every gateway reaches the same activation.
/// </summary>
public sealed class OrleansBenchTarget(IClusterClient client, string design = BenchDesigns.GrainsOrleans) : BenchTarget
{
    public override string Design => design;

    public override IReadOnlyList<string> Servers { get; } = ["cluster (every gateway reaches the one activation)"];

    public override async Task<IReadOnlyList<string>> SkusAsync(CancellationToken cancellationToken) =>
        [.. (await Call(() => client.GetGrain<ICatalogGrain>(0).ListAsync())).Select(p => p.Sku)];

    public override Task CatalogAsync(Random random, CancellationToken cancellationToken) =>
        Call(() => client.GetGrain<ICatalogGrain>(0).ListAsync());

    public override Task RegisterAsync(string userId, string password, CancellationToken cancellationToken) =>
        Call(async () =>
        {
            await Session(userId).RegisterAsync(password, Guid.NewGuid());
            return true;
        });

    public override async Task<string> LoginAsync(string userId, string password, CancellationToken cancellationToken) =>
        (await Call(() => Session(userId).LoginAsync(password))).Token;

    public override Task CheckSessionAsync(string token, CancellationToken cancellationToken) =>
        Call(() => Session(UserOf(token)).WhoAmIAsync(token));

    public override Task ReadCartAsync(string token, CancellationToken cancellationToken) =>
        Call(() => Cart(token).GetAsync(token));

    public override Task SetQuantityAsync(string token, string sku, int quantity, CancellationToken cancellationToken) =>
        Call(() => Cart(token).SetAsync(token, Guid.NewGuid(), sku, quantity));

    public override async Task<int> CartVersionAsync(string token, CancellationToken cancellationToken) =>
        (await Call(() => Cart(token).GetAsync(token))).Version;

    public override async Task<int> SetQuantityVersionAsync(string token, string sku, int quantity, CancellationToken cancellationToken) =>
        (await Call(() => Cart(token).SetAsync(token, Guid.NewGuid(), sku, quantity))).Cart.Version;

    public override Task RevokeAllAsync(string token, CancellationToken cancellationToken) =>
        Call(() => Session(UserOf(token)).RevokeAllAsync(token, Guid.NewGuid()));

    public override async Task<bool> AcceptsAsync(int server, string token, CancellationToken cancellationToken)
    {
        var check = await Call(() => Session(UserOf(token)).ValidateAsync(token));
        return check.Status == TokenStatus.Valid;
    }

    private IUserSessionGrain Session(string userId) => client.GetGrain<IUserSessionGrain>(UserKey.For(userId));

    private ICartGrain Cart(string token) => client.GetGrain<ICartGrain>(UserKey.For(UserOf(token)));

    private static string UserOf(string token) =>
        SessionToken.TryParse(token, out var parsed) ? parsed.UserId : throw new BenchCallException("not a grain session token");

    /// <summary>One call; refused as too many (the silo's hashing gate while users register), tried again after a second, as the HTTP target does on a 429.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ActorScaleException.Find(ex) is { Code: ActorScaleErrorCode.TooManyRequests } && attempt < MaxThrottledAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (Exception ex) when (ActorScaleException.Find(ex) is { } error)
            {
                throw new BenchCallException($"{error.Code}: {error.Message}", ex);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                throw new BenchCallException(ex.Message, ex);
            }
        }
    }
}
