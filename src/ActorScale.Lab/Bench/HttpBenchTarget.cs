using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ActorScale.Lab.Bench;

/// <summary>
/// A design behind the HTTP API: workloads go through the load balancer (or, <paramref name="direct"/>, straight to the
/// servers, each user to one server by a hash of its id, as the balancer routes users), revocation probes to each
/// server's own port. The same code drives the silos and the stateless baseline, so both sides see the same client.
/// </summary>
/// <param name="design">The design's name.</param>
/// <param name="http">One pooled client shared by every worker.</param>
/// <param name="balancer">The load balancer's address.</param>
/// <param name="servers">Each server's own address.</param>
/// <param name="direct">Skip the balancer.</param>
public sealed class HttpBenchTarget(string design, HttpClient http, Uri balancer, IReadOnlyList<Uri> servers, bool direct = false) : BenchTarget
{
    // Direct: the server of each token's user, learnt at login, so that a user's requests all reach one server.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _serverOfToken = new(StringComparer.Ordinal);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private long _edgeCacheHits;

    public override string Design => design;

    public override IReadOnlyList<string> Servers { get; } = [.. servers.Select(s => s.Authority)];

    /// <summary>One client for every worker: connections are reused (keep-alive), as a production load balancer's would be.</summary>
    /// <param name="concurrency">Requests in flight at once.</param>
    /// <param name="tls">How it judges the balancers' HTTPS certificates (the cluster's authority).</param>
    public static HttpClient CreateClient(int concurrency, System.Net.Security.SslClientAuthenticationOptions tls) => new(new SocketsHttpHandler
    {
        SslOptions = tls,
        MaxConnectionsPerServer = concurrency * 2,
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public override async Task<IReadOnlyList<string>> SkusAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, direct ? servers[0] : balancer, "/api/catalog", null, null, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return [.. document.RootElement.EnumerateArray().Select(p => p.GetProperty("sku").GetString()!)];
    }

    /// <summary>Through the balancer (its edge cache), or direct to a server picked at random.</summary>
    public override async Task CatalogAsync(Random random, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, direct ? servers[random.Next(servers.Count)] : balancer, "/api/catalog", null, null, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (response.Headers.TryGetValues("X-Cache-Status", out var status) && status.Contains("HIT", StringComparer.Ordinal))
        {
            Interlocked.Increment(ref _edgeCacheHits);
        }
    }

    public override long EdgeCacheHits => Interlocked.Read(ref _edgeCacheHits);

    public override async Task RegisterAsync(string userId, string password, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, EntryOf(userId), "/api/users", null, new { userId, password }, cancellationToken, idempotent: true);
    }

    public override async Task<string> LoginAsync(string userId, string password, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, EntryOf(userId), "/api/sessions", null, new { userId, password }, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var token = document.RootElement.GetProperty("token").GetString()!;
        _serverOfToken[token] = EntryOf(userId);
        return token;
    }

    public override async Task CheckSessionAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, EntryFor(token), "/api/me", token, null, cancellationToken);
    }

    public override async Task ReadCartAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await ReadCartResponseAsync(token, cancellationToken);
    }

    public override async Task SetQuantityAsync(string token, string sku, int quantity, CancellationToken cancellationToken)
    {
        using var response = await SetQuantityResponseAsync(token, sku, quantity, cancellationToken);
    }

    public override async Task<int> CartVersionAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await ReadCartResponseAsync(token, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("version").GetInt32();
    }

    public override async Task<int> SetQuantityVersionAsync(string token, string sku, int quantity, CancellationToken cancellationToken)
    {
        using var response = await SetQuantityResponseAsync(token, sku, quantity, cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("cart").GetProperty("version").GetInt32();
    }

    public override void Remember(BenchUser user) => _serverOfToken[user.Token] = EntryOf(user.UserId);

    public override async Task RevokeAllAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, EntryFor(token), "/api/sessions/revoke-all", token, null, cancellationToken, idempotent: true);
    }

    public override async Task<bool> AcceptsAsync(int server, string token, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, servers[server], "/api/me", token, null, null);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Unauthorized => false,
            _ => throw new BenchCallException($"{design}: {Servers[server]} answered {(int)response.StatusCode} to GET /api/me"),
        };
    }

    private Task<HttpResponseMessage> ReadCartResponseAsync(string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, EntryFor(token), "/api/cart", token, null, cancellationToken);

    private Task<HttpResponseMessage> SetQuantityResponseAsync(string token, string sku, int quantity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, EntryFor(token), $"/api/cart/items/{Uri.EscapeDataString(sku)}", token, new { quantity }, cancellationToken, idempotent: true);

    /// <summary>Where a user's requests go: the balancer, or (direct) one server by a stable hash of the user's id.</summary>
    private Uri EntryOf(string userId) =>
        direct ? servers[(int)(System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(userId)) % (uint)servers.Count)] : balancer;

    /// <summary>Where a request with <paramref name="token"/> goes: its user's server (direct), else the balancer.</summary>
    private Uri EntryFor(string token) => direct && _serverOfToken.TryGetValue(token, out var server) ? server : balancer;

    /// <summary>
    /// One call; a 429 (the servers' password gate is full while the users register and log in) is sent again after its
    /// Retry-After, with the same Idempotency-Key: a refused request changed nothing.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri server, string path, string? token, object? body, CancellationToken cancellationToken, bool idempotent = false)
    {
        var key = idempotent ? Guid.NewGuid() : (Guid?)null;
        HttpResponseMessage response;
        for (var attempt = 1; ; attempt++)
        {
            using var request = Request(method, server, path, token, body, key);
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new BenchCallException($"{method} {path}: {ex.Message}", ex);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxThrottledAttempts)
            {
                break;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }

        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new BenchCallException($"{method} {path}: {(int)response.StatusCode} {problem[..Math.Min(problem.Length, 160)]}");
        }

        return response;
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri server, string path, string? token, object? body, Guid? key)
    {
        var request = new HttpRequestMessage(method, new Uri(server, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (key is { } id)
        {
            request.Headers.Add("Idempotency-Key", id.ToString());
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, Json, LabJson.Options);
        }

        return request;
    }
}
