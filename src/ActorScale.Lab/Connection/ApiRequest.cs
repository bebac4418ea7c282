using System.Net.Http.Json;

namespace ActorScale.Lab.Connection;

/// <summary>One request to the HTTP API as our own clients send it: bearer token, operation id as the <c>Idempotency-Key</c>, JSON body.</summary>
public static class ApiRequest
{
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, string? token, object? body, Guid? operationId)
    {
        var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (operationId is { } key)
        {
            request.Headers.Add("Idempotency-Key", key.ToString());
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
