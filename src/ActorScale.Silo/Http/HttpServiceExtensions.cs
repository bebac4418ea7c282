using System.Net;
using ActorScale.Hosting;
using ActorScale.Hosting.Tls;
using ActorScale.Http;
using ActorScale.Http.Telemetry;
using ActorScale.Silo.Fencing;
using ActorScale.Silo.Hosting;
using ActorScale.Silo.Sharding;
using ActorScale.Storage.Sharding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ActorScale.Silo.Http;

/// <summary>The HTTP front door's services: Kestrel on <see cref="SiloSettings.HttpPort"/>, the API contract's ports on the grains, and readiness.</summary>
public static class HttpServiceExtensions
{
    /// <summary>
    /// The plain port on the silo's addresses; or, with <see cref="SiloSettings.HttpsPort"/>, TLS there with this silo's
    /// cluster certificate (read again when its files change, as a rotation writes them) and the plain port on loopback.
    /// </summary>
    private static void Listen(KestrelServerOptions kestrel, SiloSettings silo, IConfiguration configuration)
    {
        var address = silo.ListenOnAnyHostAddress ? IPAddress.Any : IPAddress.Parse(silo.AdvertisedAddress);
        if (silo.MetricsPort != 0)
        {
            kestrel.Listen(address, silo.MetricsPort);
        }

        if (silo.HttpsPort == 0)
        {
            kestrel.Listen(address, silo.HttpPort);
            return;
        }

        kestrel.Listen(IPAddress.Loopback, silo.HttpPort);
        var tls = ClusterTls.Load(ClusterSettings.From(configuration).Tls);
        kestrel.Listen(address, silo.HttpsPort, listen => listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => tls.Current));
    }

    public static WebApplicationBuilder AddActorScaleHttp(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        if (silo.HttpPort == 0)
        {
            builder.Services.AddSingleton<IServer, NoHttpServer>();
        }
        else
        {
            // Parsed when Kestrel starts, so a bad address is the runner's one line, not a stack trace at build time.
            builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, silo, builder.Configuration));
        }

        // Services start one after the other, and WebApplication starts the HTTP server after every other one: the HTTP
        // port takes connections only once the silo is Active. So a silo restarted on its port (a drain, a roll) is not
        // sent requests before it can serve them: until then nginx finds the port refusing and uses the next silo,
        // without a reload. Stopping runs in reverse, after SiloDrain has closed the port.
        builder.Services.AddActorScaleHttpApi();
        builder.Services.AddActorScaleTelemetry("actorscale-silo", ["Microsoft.Orleans"], ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Storage"], builder.Configuration);
        builder.Services.AddSingleton<UserGrains>();
        builder.Services.AddSingleton<IAccounts, GrainAccounts>();
        builder.Services.AddSingleton<ISessions, GrainSessions>();
        builder.Services.AddSingleton<ICarts, GrainCarts>();
        builder.Services.AddSingleton<IOrders, GrainOrders>();
        builder.Services.AddSingleton<ITokenScreen, SignedTokenScreen>();
        builder.Services.AddSingleton<IReadiness>(CreateReadinessProbe);
        return builder;
    }

    private static ReadinessProbe CreateReadinessProbe(IServiceProvider services)
    {
        var membership = services.GetRequiredService<IClusterMembershipService>();
        var local = services.GetRequiredService<ILocalSiloDetails>();
        var storage = services.GetRequiredService<IOptions<StorageSettings>>().Value;
        Func<CancellationToken, Task> storageCheck = storage.Provider != StorageProvider.Postgres
            ? _ => Task.CompletedTask
            : storage.ShardMapFile is { Length: > 0 }
                ? cancellation => SelectEveryShardAsync(services.GetRequiredService<ShardMapWatch>().Current, storage, cancellation)
                : cancellation => SelectOneAsync(SiloHostExtensions.PostgresConnectionString(storage), cancellation);
        var lease = services.GetRequiredService<SiloLease>();
        var drain = services.GetRequiredService<SiloDrain>();
        return new ReadinessProbe(local.Name, lease.Refusal, () => drain.Problem, () => membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress), storageCheck, TimeProvider.System, services.GetRequiredService<ILogger<ReadinessProbe>>());
    }

    /// <summary>
    /// Every shard the map places users on, through the same connection strings (so the same pools) as the storage: a
    /// server restart that made the storage clear its pools leaves no dead connection here either.
    /// </summary>
    private static async Task SelectEveryShardAsync(ShardMap map, StorageSettings storage, CancellationToken cancellationToken)
    {
        foreach (var shard in map.Shards.Take(Math.Max(map.Count, map.Target)))
        {
            await SelectOneAsync(SiloHostExtensions.PostgresConnectionString(storage.ForShard(shard)), cancellationToken);
        }
    }

    /// <summary>
    /// <c>SELECT 1</c>, once more on a fresh connection when the pooled one belonged to a server that restarted since
    /// (the storage of a silo none of whose grains wrote meanwhile never cleared that pool): readiness is about the
    /// server now, not about a connection it dropped.
    /// </summary>
    private static async Task SelectOneAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await SelectOnceAsync(connectionString, cancellationToken);
        }
        catch (Exception ex) when (StorageFailureTranslator.IsDeadConnection(ex))
        {
            await using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            await SelectOnceAsync(connectionString, cancellationToken);
        }
    }

    private static async Task SelectOnceAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
