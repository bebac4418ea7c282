using System.Threading.RateLimiting;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;
using ActorScale.Http.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorScale.Http.Admission;

/// <summary>
/// Admission control of the HTTP API on every server: the client address from <c>X-Forwarded-For</c> only when the peer
/// is a configured proxy, then ASP.NET Core rate limiting: per client address (tight on register and login, wide on the
/// rest of <c>/api</c>) and per user (the bearer token's claimed user). Limits come from
/// <see cref="AdmissionOptions"/>; a refusal is a 429 problem with <c>TooManyRequests</c> and Retry-After.
/// </summary>
public static class AdmissionServiceExtensions
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Registers forwarded headers and the rate limiter, configured from <see cref="AdmissionOptions"/> (bound by the rules).</summary>
    public static IServiceCollection AddActorScaleAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>()
            .Validate(o => TrustedProxies.Addresses(o.KnownProxies) is not null, $"{AdmissionOptions.Section}:KnownProxies must be comma-separated IP addresses")
            .Validate(o => TrustedProxies.Networks(o.KnownNetworks) is not null, $"{AdmissionOptions.Section}:KnownNetworks must be comma-separated CIDR networks")
            .Validate(o => TrustedProxies.Addresses(o.ExemptAddresses) is not null, $"{AdmissionOptions.Section}:ExemptAddresses must be comma-separated IP addresses");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AdmissionOptions>>((forwarded, admission) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;

            // Only the last hop is believed: the one our proxy appended; anything before it the client could have written.
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in TrustedProxies.Addresses(admission.Value.KnownProxies) ?? [])
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in TrustedProxies.Networks(admission.Value.KnownNetworks) ?? [])
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AdmissionOptions>>((limiter, admission) => Configure(limiter, admission.Value));
        return services;
    }

    /// <summary>Puts the client address and the rate limits in front of the routes; call after the error middleware.</summary>
    public static WebApplication UseActorScaleAdmission(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }

    private static void Configure(RateLimiterOptions limiter, AdmissionOptions limits)
    {
        var exempt = (TrustedProxies.Addresses(limits.ExemptAddresses) ?? []).Select(ClientAddress.Key).ToHashSet(StringComparer.Ordinal);
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, _) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Second;
            var refusal = AdmissionErrors.TooManyRequests(wait);
            return new ValueTask(ApiErrors.WriteAsync(context.HttpContext, refusal.Code, refusal.Message, wait));
        };
        limiter.AddPolicy(AdmissionPolicies.Credentials, context => ClientAddress.Of(context) is var address && exempt.Contains(address)
            ? RateLimitPartition.GetNoLimiter("")
            : Bucket("address:" + address, limits.CredentialsBurstPerAddress, limits.CredentialsPerSecondPerAddress));
        limiter.AddPolicy(AdmissionPolicies.Api, context => ClientAddress.Of(context) is var address && exempt.Contains(address)
            ? RateLimitPartition.GetNoLimiter("")
            : Bucket("address:" + address, limits.ApiBurstPerAddress, limits.ApiPerSecondPerAddress));
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !exempt.Contains(ClientAddress.Of(context)) && ClaimedUser(context) is { } user
                ? Bucket("user:" + user, limits.ApiBurstPerUser, limits.ApiPerSecondPerUser)
                : RateLimitPartition.GetNoLimiter(""));
    }

    private static RateLimitPartition<string> Bucket(string key, int burst, int perSecond) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = Second,
            QueueLimit = 0,
        });

    /// <summary>
    /// The user an <c>/api</c> request's bearer token claims, unverified (the server verifies it later, after the cheap
    /// <see cref="ITokenScreen"/> where the server has one): the user of an opaque <c>as1</c> token, else the token
    /// itself, so a JWT's requests are counted per session.
    /// </summary>
    private static string? ClaimedUser(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Authorization is not [{ } header]
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        if (context.RequestServices.GetService<ITokenScreen>() is { } screen && !screen.MayBeIssued(token))
        {
            // Refused at the front door anyway; counting it would let forged tokens spend their victim's allowance.
            return null;
        }

        return SessionToken.TryParse(token, out var parsed) ? parsed.UserId : token;
    }
}
