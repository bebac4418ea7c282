using System.Net;
using ActorScale.Http.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace ActorScale.Tests.Http;

/// <summary>
/// The cache headers on an in-memory server with two stand-in routes that mark themselves public: the one that answers
/// 200 stays public, the one that fails is no-store like every error, so no cache keeps an error for minutes.
/// </summary>
public sealed class CacheHeadersTests
{
    [Theory]
    [InlineData("/public-ok", HttpStatusCode.OK, true)]
    [InlineData("/public-but-fails", HttpStatusCode.InternalServerError, false)]
    [InlineData("/private", HttpStatusCode.OK, false)]
    public async Task PublicMark_HoldsOnlyForA200(string path, HttpStatusCode status, bool cacheable)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseActorScaleCacheHeaders();
        app.MapGet("/public-ok", (HttpContext context) =>
        {
            CacheHeaders.MarkPublic(context.Response, "\"t1\"");
            return Results.Ok("{}");
        });
        app.MapGet("/public-but-fails", (HttpContext context) =>
        {
            CacheHeaders.MarkPublic(context.Response, "\"t1\"");
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        });
        app.MapGet("/private", () => Results.Ok("{}"));
        await app.StartAsync();

        using var response = await app.GetTestClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(cacheable, response.Headers.CacheControl?.Public == true);
        Assert.Equal(!cacheable, response.Headers.CacheControl?.NoStore == true);
        Assert.Equal(cacheable, response.Headers.ETag is not null);
    }
}
