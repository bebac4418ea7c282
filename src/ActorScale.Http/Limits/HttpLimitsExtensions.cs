using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorScale.Http.Limits;

/// <summary>Applies <see cref="HttpLimitsOptions"/> to Kestrel on whichever server hosts the API.</summary>
public static class HttpLimitsExtensions
{
    public static IServiceCollection AddActorScaleHttpLimits(this IServiceCollection services)
    {
        services.AddOptions<HttpLimitsOptions>().BindConfiguration(HttpLimitsOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxRequestLineSize <= o.MaxRequestHeadersTotalSize, $"{HttpLimitsOptions.Section}:MaxRequestLineSize must not exceed MaxRequestHeadersTotalSize")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.Value.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestLineSize = limits.Value.MaxRequestLineSize;
        });
        return services;
    }
}
