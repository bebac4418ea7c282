using System.Net;
using System.Text.Json.Nodes;

namespace ActorScale.Tests.Http;

/// <summary>The error shape of the contract: the status, <c>application/problem+json</c>, our stable code and the headers each status needs.</summary>
public static class ProblemAssert
{
    public static async Task<JsonNode> IsAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)problem[member]), $"the problem has no {member}: {body}");
        }

        Assert.DoesNotContain('\n', (string)problem["detail"]!);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        switch (status)
        {
            case HttpStatusCode.Unauthorized:
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                break;
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{(int)status} without a Retry-After in seconds");
                break;
        }

        return problem;
    }
}
