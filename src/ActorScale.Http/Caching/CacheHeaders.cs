using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ActorScale.Http.Caching;

/// <summary>
/// Who may keep a copy of an answer. Everything is <c>Cache-Control: no-store</c> with <c>Vary: Authorization</c>
/// (a user's session, cart and orders, every error, the health probes) unless an endpoint says it is public: the
/// catalog and the OpenAPI document, the same for every caller, carry a strong <c>ETag</c> and a <c>max-age</c>, and
/// answer a request whose <c>If-None-Match</c> holds their tag with <c>304 Not Modified</c> and no body.
/// </summary>
public static class CacheHeaders
{
    /// <summary>How long a browser or the edge may serve a public answer without asking again.</summary>
    public static readonly TimeSpan PublicMaxAge = TimeSpan.FromMinutes(5);

    private const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The OpenAPI document is generated from this build's routes: one tag per build.</summary>
    private static readonly string OpenApiTag = $"\"openapi-{(Assembly.GetEntryAssembly() ?? typeof(CacheHeaders).Assembly).ManifestModule.ModuleVersionId:N}\"";

    /// <summary>First in the pipeline, so that every answer, including the admission's and the error middleware's, gets its headers.</summary>
    public static IApplicationBuilder UseActorScaleCacheHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals(OpenApiPath, StringComparison.Ordinal))
            {
                if (TryNotModified(context, OpenApiTag))
                {
                    return;
                }

                MarkPublic(response, OpenApiTag);
            }

            // Public only as a 200 or a 304: an error on a public route (a 500, a 429) is no-store like every other.
            response.OnStarting(() =>
            {
                if (!response.Headers.ContainsKey(HeaderNames.CacheControl) || response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status304NotModified))
                {
                    response.Headers.Remove(HeaderNames.ETag);
                    response.Headers.CacheControl = "no-store";
                    response.Headers.Append(HeaderNames.Vary, HeaderNames.Authorization);
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>A strong tag of <paramref name="body"/>: the first 128 bits of its SHA-256, quoted.</summary>
    public static string TagOf(ReadOnlySpan<byte> body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body)[..16])}\"";

    /// <summary>Marks the answer public, with its tag (kept only if it is a 200 or a 304).</summary>
    public static void MarkPublic(HttpResponse response, string tag)
    {
        response.Headers.ETag = tag;
        response.Headers.CacheControl = $"public, max-age={(int)PublicMaxAge.TotalSeconds}";
    }

    /// <summary>
    /// Answers <c>304 Not Modified</c> (with the tag and the public headers, no body) when the request's
    /// <c>If-None-Match</c> names <paramref name="tag"/> or is <c>*</c>; returns whether it did.
    /// </summary>
    public static bool TryNotModified(HttpContext context, string tag)
    {
        var match = context.Request.GetTypedHeaders().IfNoneMatch;
        if (match is not { Count: > 0 } || !match.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(EntityTagHeaderValue.Parse(tag), useStrongComparison: false)))
        {
            return false;
        }

        MarkPublic(context.Response, tag);
        context.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }
}
