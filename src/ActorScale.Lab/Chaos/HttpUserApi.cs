using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// A user's calls to the HTTP API (through the load balancer, as a browser or app would), every mutation with its
/// operation id as the <c>Idempotency-Key</c>. A problem answer becomes the <see cref="ActorScaleException"/> of its code.
/// </summary>
public sealed class HttpUserApi(HttpClient http, Uri api, string user) : IUserApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task RegisterAsync(string password, Guid operationId)
    {
        try
        {
            (await SendAsync(HttpMethod.Post, "/api/users", null, new { userId = user, password }, operationId)).Dispose();
        }
        catch (ActorScaleException ex) when (ex.Code == ActorScaleErrorCode.UserExists)
        {
            // A register retried after its answer was lost: the account is there (the grain replays by id; HTTP says 409).
        }
    }

    public Task<LoginResult> LoginAsync(string password) => ReadAsync<LoginResult>(HttpMethod.Post, "/api/sessions", null, new { userId = user, password }, null);

    public async Task LogoutAsync(string token, Guid operationId) => (await SendAsync(HttpMethod.Delete, "/api/sessions/current", token, null, operationId)).Dispose();

    public async Task<int> RevokeAllAsync(string token, Guid operationId) =>
        (await ReadAsync<JsonElement>(HttpMethod.Post, "/api/sessions/revoke-all", token, null, operationId)).GetProperty("revoked").GetInt32();

    public async Task<TokenCheck> ValidateAsync(string token)
    {
        try
        {
            var me = await ReadAsync<SessionInfo>(HttpMethod.Get, "/api/me", token, null, null);
            return new TokenCheck(TokenStatus.Valid, me.UserId, me.ExpiresAt, me.IdleExpiresAt);
        }
        catch (ActorScaleException ex) when (!ex.IsTransient)
        {
            var status = ex.Code switch
            {
                ActorScaleErrorCode.TokenRevoked => TokenStatus.Revoked,
                ActorScaleErrorCode.TokenExpired => TokenStatus.Expired,
                _ => TokenStatus.Invalid,
            };
            return new TokenCheck(status, null, null, null);
        }
    }

    public Task<CartView> GetCartAsync(string token) => ReadAsync<CartView>(HttpMethod.Get, "/api/cart", token, null, null);

    public Task<CartUpdate> AddAsync(string token, Guid operationId, string sku, int quantity) =>
        ReadAsync<CartUpdate>(HttpMethod.Post, "/api/cart/items", token, new { sku, quantity }, operationId);

    public Task<CartUpdate> SetAsync(string token, Guid operationId, string sku, int quantity) =>
        ReadAsync<CartUpdate>(HttpMethod.Put, $"/api/cart/items/{sku}", token, new { quantity }, operationId);

    public Task<CartUpdate> RemoveAsync(string token, Guid operationId, string sku) =>
        ReadAsync<CartUpdate>(HttpMethod.Delete, $"/api/cart/items/{sku}", token, null, operationId);

    public Task<CartUpdate> ClearAsync(string token, Guid operationId) => ReadAsync<CartUpdate>(HttpMethod.Delete, "/api/cart", token, null, operationId);

    public Task<Order> CheckoutAsync(string token, Guid operationId) => ReadAsync<Order>(HttpMethod.Post, "/api/cart/checkout", token, null, operationId);

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, string? token, object? body, Guid? key)
    {
        using var response = await SendAsync(method, path, token, body, key);
        return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidDataException($"{method} {path}: empty answer");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body, Guid? key)
    {
        using var request = ApiRequest.Create(method, new Uri(api, path), token, body, key);

        var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            throw Problem(response.StatusCode, text, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>Our problem+json as our error; anything else (an nginx page, a 502) is a transient failure.</summary>
    private static ActorScaleException Problem(HttpStatusCode status, string text, TimeSpan? retryAfter)
    {
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.TryGetProperty("code", out var code) && Enum.TryParse<ActorScaleErrorCode>(code.GetString(), out var parsed))
            {
                return new ActorScaleException(parsed, problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "", retryAfter);
            }
        }
        catch (JsonException)
        {
            // Not ours: below.
        }

        return new ActorScaleException(ActorScaleErrorCode.Unavailable, $"HTTP {(int)status} without a problem body");
    }
}
