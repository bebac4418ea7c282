using ActorScale.Domain.Admission;
using ActorScale.Domain.Sessions;
using ActorScale.Grains;
using ActorScale.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ActorScale.Tests.Support;

/// <summary>
/// A shared in-process cluster of two silos for grain rules: memory storage, fast PBKDF2, and one fake clock that
/// tests advance. Tests in the collection run one at a time, so moving the clock only affects the running test.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    public static FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The test cluster's token key (a test value, not a secret).</summary>
    public const string TokenKey = "grain-cluster-test-token-key-0123456789";

    /// <summary>The signer the silos use: tests sign tokens with it to show what a forged one lacks.</summary>
    public static TokenSigner Tokens { get; } = new(TokenKey);

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);

        // Real sockets (not the in-memory default), so a second client can connect to one chosen gateway.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Password hashes run by every silo's <see cref="PasswordGate"/> so far: the cost of a login, counted instead of timed.</summary>
    public long HashesRun() =>
        Cluster.Silos.Cast<InProcessSiloHandle>().Sum(s => s.SiloHost.Services.GetRequiredService<PasswordGate>().HashesRun);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ActorScale:Sessions:PasswordIterations"] = "1000" })
                .Build();
            siloBuilder.AddActorScaleStorage(new StorageSettings { Provider = StorageProvider.Memory });
            siloBuilder.Services.AddActorScaleGrains(configuration, AppContext.BaseDirectory);
            siloBuilder.Services.AddSingleton<IGrainStorageSerializer, ActorScale.Grains.Storage.StateJsonSerializer>();
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ActorScale.Grains.GrainTime.Key, Clock);
            siloBuilder.Services.AddSingleton(Tokens);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
