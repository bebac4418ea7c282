using System.Text.Json.Nodes;
using ActorScale.Domain.Errors;
using ActorScale.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Tests.Http.Errors;

public sealed class ApiErrorsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(ActorScaleErrorCode.InvalidToken, 401)]
    [InlineData(ActorScaleErrorCode.TokenExpired, 401)]
    [InlineData(ActorScaleErrorCode.TokenRevoked, 401)]
    [InlineData(ActorScaleErrorCode.InvalidCredentials, 401)]
    [InlineData(ActorScaleErrorCode.Forbidden, 403)]
    [InlineData(ActorScaleErrorCode.InvalidUserId, 400)]
    [InlineData(ActorScaleErrorCode.InvalidPassword, 400)]
    [InlineData(ActorScaleErrorCode.InvalidSku, 400)]
    [InlineData(ActorScaleErrorCode.InvalidQuantity, 400)]
    [InlineData(ActorScaleErrorCode.InvalidOperationId, 400)]
    [InlineData(ActorScaleErrorCode.BadRequest, 400)]
    [InlineData(ActorScaleErrorCode.UserExists, 409)]
    [InlineData(ActorScaleErrorCode.UnknownSku, 422)]
    [InlineData(ActorScaleErrorCode.CartFull, 422)]
    [InlineData(ActorScaleErrorCode.NotInCart, 422)]
    [InlineData(ActorScaleErrorCode.EmptyCart, 422)]
    [InlineData(ActorScaleErrorCode.IdempotencyKeyReused, 422)]
    [InlineData(ActorScaleErrorCode.IdempotencyKeyRequired, 400)]
    [InlineData(ActorScaleErrorCode.LockedOut, 429)]
    [InlineData(ActorScaleErrorCode.TooManyRequests, 429)]
    [InlineData(ActorScaleErrorCode.PayloadTooLarge, 413)]
    [InlineData(ActorScaleErrorCode.HeadersTooLarge, 431)]
    [InlineData(ActorScaleErrorCode.StorageUnavailable, 503)]
    [InlineData(ActorScaleErrorCode.Conflict, 503)]
    [InlineData(ActorScaleErrorCode.Unavailable, 503)]
    public void StatusOf_EveryCode_IsTheReadmeStatus(ActorScaleErrorCode code, int status) =>
        Assert.Equal(status, ApiErrors.StatusOf(code));

    [Fact]
    public void StatusOf_EveryCode_IsCoveredAbove() =>
        Assert.Equal(25, Enum.GetValues<ActorScaleErrorCode>().Length);

    [Theory]
    [InlineData(typeof(TimeoutException))]
    [InlineData(typeof(SiloUnavailableException))]
    [InlineData(typeof(OrleansException))]
    [InlineData(typeof(NullReferenceException))]
    public async Task Middleware_OtherException_Is503UnavailableWithRetryAfter1_AndNoStackTrace(Type type)
    {
        var error = (Exception)Activator.CreateInstance(type, "internal detail at S127.0.0.1:11111")!;

        var (context, body) = await RunAsync(_ => throw error);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("Unavailable", (string?)body["code"]);
        Assert.DoesNotContain("internal detail", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(type.Name, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_TooManyRequests_Is429WithTheRefusalsRetryAfter()
    {
        var (context, body) = await RunAsync(_ => throw new ActorScaleException(ActorScaleErrorCode.TooManyRequests, "slow down", Wait));

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("90", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(("TooManyRequests", "slow down", 429), ((string?)body["code"], (string?)body["detail"], (int?)body["status"]));
    }

    [Fact]
    public async Task Middleware_TooManyRequestsWithoutAWait_Is429WithOneSecondRetryAfter()
    {
        var (context, _) = await RunAsync(_ => throw new ActorScaleException(ActorScaleErrorCode.TooManyRequests, "slow down"));

        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Middleware_TokenRevoked_Is401WithBearerChallenge()
    {
        var (context, body) = await RunAsync(_ => throw new ActorScaleException(ActorScaleErrorCode.TokenRevoked, "revoked"));

        Assert.Equal(401, context.Response.StatusCode);
        Assert.StartsWith("Bearer", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("TokenRevoked", (string?)body["code"]);
    }

    [Fact]
    public async Task Middleware_EmptyFrameworkRefusal_GetsAProblemBody()
    {
        var (context, body) = await RunAsync(c =>
        {
            c.Response.StatusCode = 405;
            return Task.CompletedTask;
        });

        Assert.Equal(405, context.Response.StatusCode);
        Assert.Equal(("BadRequest", 405), ((string?)body["code"], (int?)body["status"]));
    }

    private static async Task<(HttpContext Context, JsonNode Body)> RunAsync(RequestDelegate next)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var middleware = new ApiErrorMiddleware(next, NullLogger<ApiErrorMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        return (context, (await JsonNode.ParseAsync(context.Response.Body))!);
    }
}
