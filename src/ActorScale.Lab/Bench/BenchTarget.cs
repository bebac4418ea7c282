namespace ActorScale.Lab.Bench;

/// <summary>
/// One design as the load generator sees it: the calls a workload makes, and each server's own answer to "is this token
/// valid?" for the revocation probe. Every call throws <see cref="BenchCallException"/> when it was not served.
/// </summary>
public abstract class BenchTarget
{
    /// <summary>Tries of a call the servers keep refusing as too many (the hashing gate while users register): a minute of one-second waits.</summary>
    protected const int MaxThrottledAttempts = 60;

    public abstract string Design { get; }

    /// <summary>The servers a revocation must reach, each asked directly (not through the load balancer).</summary>
    public abstract IReadOnlyList<string> Servers { get; }

    /// <summary>Each server's <c>/metrics</c> address (on its management port), where the warm-up reads its JIT; empty where unknown.</summary>
    public IReadOnlyList<Uri> Metrics { get; init; } = [];

    public abstract Task<IReadOnlyList<string>> SkusAsync(CancellationToken cancellationToken);

    /// <summary>The catalog, as an anonymous caller asks for it.</summary>
    public abstract Task CatalogAsync(Random random, CancellationToken cancellationToken);

    /// <summary>Answers so far that the balancer's edge cache served (<c>X-Cache-Status: HIT</c>); 0 where nothing is cached.</summary>
    public virtual long EdgeCacheHits => 0;

    public abstract Task RegisterAsync(string userId, string password, CancellationToken cancellationToken);

    /// <summary>A new session; returns its bearer token.</summary>
    public abstract Task<string> LoginAsync(string userId, string password, CancellationToken cancellationToken);

    public abstract Task CheckSessionAsync(string token, CancellationToken cancellationToken);

    public abstract Task ReadCartAsync(string token, CancellationToken cancellationToken);

    /// <summary>Sets a line's quantity with a new operation id; returns once the change is durable.</summary>
    public abstract Task SetQuantityAsync(string token, string sku, int quantity, CancellationToken cancellationToken);

    public abstract Task RevokeAllAsync(string token, CancellationToken cancellationToken);

    /// <summary>Reads the token's user's cart; returns its version (the staleness probe compares it with acknowledged writes).</summary>
    public abstract Task<int> CartVersionAsync(string token, CancellationToken cancellationToken);

    /// <summary><see cref="SetQuantityAsync"/>, returning the version of the cart the acknowledgement carried.</summary>
    public abstract Task<int> SetQuantityVersionAsync(string token, string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>Learns where an earlier target's user is served (a second pass over servers started again); nothing by default.</summary>
    public virtual void Remember(BenchUser user)
    {
    }

    /// <summary>True when server <paramref name="server"/> (an index into <see cref="Servers"/>) accepts the token, false when it refuses it.</summary>
    public abstract Task<bool> AcceptsAsync(int server, string token, CancellationToken cancellationToken);

    /// <summary>One request of a workload for <paramref name="user"/>.</summary>
    public Task SendAsync(BenchUser user, BenchRequest request, Random random, CancellationToken cancellationToken) => request switch
    {
        BenchRequest.Session => CheckSessionAsync(user.Token, cancellationToken),
        BenchRequest.CartRead => ReadCartAsync(user.Token, cancellationToken),
        BenchRequest.Catalog => CatalogAsync(random, cancellationToken),
        _ => SetQuantityAsync(user.Token, user.Skus[random.Next(user.Skus.Count)], random.Next(1, 10), cancellationToken),
    };
}
