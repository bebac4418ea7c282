using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorScale.Tests.Http;

/// <summary>Requests to one entry point of an HTTP API target, as a script would send them: JSON in, JSON out, headers by hand.</summary>
/// <param name="baseAddress">The entry point.</param>
/// <param name="http">The client to send with (an HTTPS balancer's needs the cluster's authority); a shared one when null.</param>
public sealed class ApiClient(Uri baseAddress, HttpClient? http = null)
{
    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly HttpClient _http = http ?? Shared;

    public Uri BaseAddress { get; } = baseAddress;

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token: token);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, token, idempotencyKey);

    public Task<HttpResponseMessage> PutAsync(string path, object body, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Put, path, body, token, idempotencyKey);

    public Task<HttpResponseMessage> DeleteAsync(string path, string? token = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Delete, path, token: token, idempotencyKey: idempotencyKey);

    /// <summary>A POST as a balancer forwards it for the client at <paramref name="forwardedFor"/> (<c>X-Forwarded-For</c>; loopback is a trusted proxy by default).</summary>
    public Task<HttpResponseMessage> PostFromAsync(string forwardedFor, string path, object body) =>
        SendAsync(HttpMethod.Post, path, body, forwardedFor: forwardedFor);

    /// <summary>A request whose body is sent as is, for malformed JSON.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string json, string? token = null) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), token);

    /// <summary>A request with an <c>Authorization</c> header exactly as given (no scheme added).</summary>
    public Task<HttpResponseMessage> GetWithAuthorizationAsync(string path, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, path));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return _http.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("the body is JSON null");

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string? idempotencyKey = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress, path))
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body),
            },
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return _http.SendAsync(request);
    }
}
