using System.Net;
using ActorScale.Abstractions;
using ActorScale.Grains;
using ActorScale.Grains.Storage;
using ActorScale.Grains.Users;
using ActorScale.Hosting;
using ActorScale.Silo.Dashboard;
using ActorScale.Silo.Fencing;
using ActorScale.Silo.Sharding;
using ActorScale.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Persistence.FileStorage;
using Orleans.Storage;

namespace ActorScale.Silo.Hosting;

/// <summary>The silo's wiring, so that <c>Program.cs</c> reads as the architecture.</summary>
public static class SiloHostExtensions
{
    public static IHostApplicationBuilder AddActorScaleSilo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<SiloSettings>().Bind(configuration.GetSection(SiloSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(ClusterSettings.From(configuration));
        builder.Services.AddHostedService<MembershipRowWatch>();
        builder.Services.AddOptions<DrainOptions>().Bind(configuration.GetSection(DrainOptions.Section));
        builder.Services.AddSingleton<SiloDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDrain>());
        builder.Services.AddOptions<StorageSettings>().Bind(configuration.GetSection(StorageSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddActorScaleGrains(configuration, AppContext.BaseDirectory);
        builder.Services.AddSingleton<IValidateOptions<TokenSettings>, TokenSettingsValidator>();
        builder.Services.AddOptions<TokenSettings>().Bind(configuration.GetSection(TokenSettings.Section)).ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<TokenSettings>>().Value.CreateSigner());
        builder.Services.AddSingleton<IGrainStorageSerializer, StateJsonSerializer>();

        var cluster = ClusterSettings.From(configuration);
        var silo = configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        var storage = configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        builder.UseOrleans(orleans =>
        {
            orleans.UseActorScaleClustering(cluster, silo.SiloPort, silo.GatewayPort);

            // Each grain call carries the caller's trace (an HTTP request's, say), so one trace spans front door, grain and storage.
            orleans.AddActivityPropagation();
            if (cluster.UsesRedis)
            {
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedAddress), silo.SiloPort, silo.GatewayPort, silo.ListenOnAnyHostAddress);
            }

            orleans.Configure<SiloOptions>(o => o.SiloName = silo.Name ?? $"{Environment.MachineName}-{silo.SiloPort}");
            orleans.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            orleans.Configure<SiloMessagingOptions>(configuration.GetSection("Orleans:SiloMessaging"));
            orleans.Configure<GrainCollectionOptions>(configuration.GetSection("Orleans:GrainCollection"));
            orleans.AddActorScaleStorage(storage, silo.Name ?? $"{Environment.MachineName}-{silo.SiloPort}");
            orleans.AddActorScaleFencing(configuration);
            orleans.AddActorScaleDirectory(configuration);
            orleans.AddActorScaleDashboard(DashboardCredential.From(silo));
        });
        return builder;
    }

    /// <summary>
    /// The named grain storage <see cref="StateNames.Storage"/> on the configured provider, behind
    /// <see cref="StorageFailureTranslator"/> so that no provider exception (a PostgresException has no Orleans codec)
    /// ever reaches a caller raw.
    /// </summary>
    public static ISiloBuilder AddActorScaleStorage(this ISiloBuilder silo, StorageSettings storage, string siloName = "silo")
    {
        const string provider = StateNames.Storage + "-provider";
        Func<IServiceProvider, IEnumerable<string>> pools = _ => [];
        switch (storage.Provider)
        {
            case StorageProvider.Postgres when storage.ShardMapFile is { Length: > 0 } mapFile:
                silo.Services.AddSingleton(services => new ShardStorages(services, storage));
                silo.Services.AddSingleton(services => new ShardMapWatch(mapFile, siloName, services.GetRequiredService<ShardStorages>().GetAsync, services.GetRequiredService<ILogger<ShardMapWatch>>()));
                silo.Services.AddHostedService(services => services.GetRequiredService<ShardMapWatch>());
                silo.Services.AddKeyedSingleton<IGrainStorage>(provider, (services, _) => new ShardedGrainStorage(services.GetRequiredService<ShardMapWatch>(), services.GetRequiredService<ShardStorages>().GetAsync, services.GetRequiredService<ILogger<ShardedGrainStorage>>()));
                pools = services => services.GetRequiredService<ShardStorages>().ConnectionStrings;
                break;
            case StorageProvider.Postgres:
                silo.AddAdoNetGrainStorage(provider, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = PostgresConnectionString(storage);
                });
                pools = _ => [PostgresConnectionString(storage)];
                break;
            case StorageProvider.File:
                silo.AddFileGrainStorage(provider, o => o.RootDirectory = Path.GetFullPath(storage.FileDirectory));
                break;
            default:
                silo.AddMemoryGrainStorage(provider);
                break;
        }

        silo.Services.AddKeyedSingleton<IGrainStorage>(StateNames.Storage, (services, _) => new StorageFailureTranslator(
            services.GetRequiredKeyedService<IGrainStorage>(provider),
            () => pools(services),
            services.GetRequiredService<ILogger<StorageFailureTranslator>>()));
        return silo;
    }

    /// <summary>The application role's connection string with password, pool cap and search path; never log it.</summary>
    public static string PostgresConnectionString(StorageSettings storage)
    {
        if (string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            throw new OptionsValidationException(StorageSettings.Section, typeof(StorageSettings), [$"{StorageSettings.Section}:PostgresConnectionString is required when Provider is Postgres"]);
        }

        var builder = PostgresPool.Tune(new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString), storage.PostgresMaxPoolSize);
        builder.SearchPath = PostgresSchema.SchemaName;
        builder.ApplicationName = "actorscale-silo";
        builder.Timeout = 5;
        builder.CommandTimeout = 10;
        var password = Secret.Read(storage.PostgresPassword, storage.PostgresPasswordFile, $"{StorageSettings.Section}:PostgresPassword");
        if (password is not null)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }
}
