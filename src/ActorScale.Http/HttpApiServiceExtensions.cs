using System.Text.Json.Serialization;
using ActorScale.Http.Admission;
using ActorScale.Http.Limits;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorScale.Http;

/// <summary>
/// The API's services on any server: JSON as the contract writes it (numbers strictly numbers), Kestrel's request limits,
/// binding failures as our errors, OpenAPI, and admission control (client address, rate limits).
/// </summary>
public static class HttpApiServiceExtensions
{
    public static IServiceCollection AddActorScaleHttpApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());

            // The web defaults read "3" as 3; every other member of the API refuses a value of the wrong type, so numbers do too.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddActorScaleHttpLimits();

        // Binding failures (malformed JSON) throw, so ApiErrorMiddleware turns them into problem+json like every other error.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddActorScaleAdmission();
        services.AddSingleton<Caching.PublicCatalog>();
        return services;
    }
}
