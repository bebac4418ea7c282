using System.Net;
using ActorScale.Baseline.Accounts;
using ActorScale.Baseline.Carts;
using ActorScale.Baseline.Floor;
using ActorScale.Baseline.Sessions;
using ActorScale.Baseline.Storage;
using ActorScale.Domain;
using ActorScale.Hosting;
using ActorScale.Http;
using ActorScale.Http.Telemetry;
using ActorScale.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using SessionOptions = ActorScale.Domain.Sessions.SessionOptions;

namespace ActorScale.Baseline.Hosting;

/// <summary>A baseline server's services: the rules (Domain), PostgreSQL, Redis, the chosen session design, Kestrel and the HTTP contract's ports.</summary>
public static class BaselineHostExtensions
{
    public static WebApplicationBuilder AddActorScaleBaseline(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(BaselineSettings.Section);
        builder.Services.AddOptions<BaselineSettings>().Bind(section).ValidateDataAnnotations()
            .Validate(s => s.Design is not (BaselineDesigns.Jwt or BaselineDesigns.JwtDenylist) || JwtKey(s) is { Length: >= JwtTokens.MinKeyBytes }, $"{BaselineSettings.Section}:JwtKey or JwtKeyFile (at least {JwtTokens.MinKeyBytes} bytes) is required by the jwt designs")
            .Validate(s => s.Design != BaselineDesigns.ReadReplica || !string.IsNullOrWhiteSpace(s.PostgresReadConnectionString), $"{BaselineSettings.Section}:PostgresReadConnectionString (the replica cart reads go to) is required by the read-replica design")
            .Validate(s => s.Design != BaselineDesigns.ReadReplica || s.PostgresShards.Count == 0, $"the read-replica design replicates one PostgreSQL: {BaselineSettings.Section}:PostgresShards goes with the other designs")
            .ValidateOnStart();
        builder.Services.AddActorScaleRules(builder.Configuration, AppContext.BaseDirectory);
        builder.Services.AddSingleton(TimeProvider.System);

        var settings = section.Get<BaselineSettings>() ?? new BaselineSettings();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(settings.Address), settings.HttpPort);
            if (settings.MetricsPort != 0)
            {
                kestrel.Listen(IPAddress.Parse(settings.Address), settings.MetricsPort);
            }
        });
        builder.Services.AddActorScaleHttpApi();
        builder.Services.AddActorScaleTelemetry("actorscale-baseline", [], [], builder.Configuration);

        builder.Services.AddSingleton(sp => CreateShards(sp.GetRequiredService<IOptions<BaselineSettings>>().Value));
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp => ConnectRedis(sp.GetRequiredService<IOptions<BaselineSettings>>().Value));
        builder.Services.AddSingleton(sp => new JwtTokens(JwtKey(sp.GetRequiredService<IOptions<BaselineSettings>>().Value)!));
        builder.Services.AddSingleton(CreateDesign);
        if (settings.Design == BaselineDesigns.Noop)
        {
            builder.Services.AddSingleton<NoopApi>();
            builder.Services.AddSingleton<IAccounts>(sp => sp.GetRequiredService<NoopApi>());
            builder.Services.AddSingleton<ISessions>(sp => sp.GetRequiredService<NoopApi>());
            builder.Services.AddSingleton<ICarts>(sp => sp.GetRequiredService<NoopApi>());
            builder.Services.AddSingleton<IOrders>(sp => sp.GetRequiredService<NoopApi>());
        }
        else
        {
            builder.Services.AddSingleton<IAccounts, AccountService>();
            builder.Services.AddSingleton<ISessions, SessionService>();
            builder.Services.AddSingleton<ICartCache>(CreateCartCache);
            builder.Services.AddSingleton(CreateCartReads);
            builder.Services.AddSingleton<CartService>();
            builder.Services.AddSingleton<ICarts>(sp => sp.GetRequiredService<CartService>());
            builder.Services.AddSingleton<IOrders>(sp => sp.GetRequiredService<CartService>());
        }

        builder.Services.AddSingleton<IReadiness, BaselineReadiness>();
        return builder;
    }

    /// <summary>The application role's pool on every shard, auto-preparing every statement used more than once.</summary>
    public static BaselineShards CreateShards(BaselineSettings settings) => new([.. ConnectionStrings(settings).Select(NpgsqlDataSource.Create)]);

    /// <summary>Every shard's connection (<see cref="BaselineSettings.PostgresConnectionString"/> first) with the password read from the environment or its file.</summary>
    public static IReadOnlyList<string> ConnectionStrings(BaselineSettings settings) =>
        [.. new[] { settings.PostgresConnectionString }.Concat(settings.PostgresShards)
            .Select(shard => WithPassword(shard, settings.PostgresPassword, settings.PostgresPasswordFile, "PostgresPassword", settings.PostgresMaxPoolSize))];

    private static string WithPassword(string connectionString, string? password, string? passwordFile, string setting, int poolSize)
    {
        var builder = PostgresPool.Tune(new NpgsqlConnectionStringBuilder(connectionString), poolSize);
        builder.Password = Secret.Read(password, passwordFile, $"{BaselineSettings.Section}:{setting}");
        return builder.ConnectionString;
    }

    /// <summary>Where cart reads go: the replica's own pool (<c>read-replica</c>), else the user's shard.</summary>
    private static CartReads CreateCartReads(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<BaselineSettings>>().Value;
        return settings.Design == BaselineDesigns.ReadReplica
            ? new CartReads(NpgsqlDataSource.Create(WithPassword(settings.PostgresReadConnectionString!, settings.PostgresReadPassword, settings.PostgresReadPasswordFile, "PostgresReadPassword", settings.PostgresMaxPoolSize)))
            : new CartReads(null);
    }

    private static ConnectionMultiplexer ConnectRedis(BaselineSettings settings)
    {
        var password = Secret.Read(settings.RedisPassword, settings.RedisPasswordFile, $"{BaselineSettings.Section}:RedisPassword");
        return ConnectionMultiplexer.Connect(RedisConnection.ConnectionString(settings.Redis, settings.RedisUser, password));
    }

    private static ISessionDesign CreateDesign(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<BaselineSettings>>().Value;
        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        var sessions = services.GetRequiredService<IOptions<SessionOptions>>();
        var time = services.GetRequiredService<TimeProvider>();
        return settings.Design is BaselineDesigns.RedisSession or BaselineDesigns.RedisCache or BaselineDesigns.ReadReplica
            ? new RedisSessionDesign(redis, sessions, time)
            : new JwtSessionDesign(settings.Design == BaselineDesigns.JwtDenylist, services.GetRequiredService<JwtTokens>(), redis, sessions, time);
    }

    private static ICartCache CreateCartCache(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<BaselineSettings>>().Value;
        return settings.Design == BaselineDesigns.RedisCache
            ? new RedisCartCache(services.GetRequiredService<IConnectionMultiplexer>(), settings.CartCacheTtl, services.GetRequiredService<ILogger<RedisCartCache>>())
            : new NoCartCache();
    }

    private static string? JwtKey(BaselineSettings settings) => Secret.Read(settings.JwtKey, settings.JwtKeyFile, $"{BaselineSettings.Section}:JwtKey");
}
