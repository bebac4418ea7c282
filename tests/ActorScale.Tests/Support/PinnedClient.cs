using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace ActorScale.Tests.Support;

/// <summary>A second client that talks to the cluster through one silo's gateway only.</summary>
public sealed class PinnedClient : IAsyncDisposable
{
    private readonly IHost _host;

    private PinnedClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<PinnedClient> ConnectAsync(TestCluster cluster, SiloHandle silo)
    {
        var gateway = silo.GatewayAddress?.Endpoint ?? throw new InvalidOperationException($"silo {silo.Name} has no gateway");
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(gateway.Address, gateway.Port));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.Options.ClusterId;
                o.ServiceId = cluster.Options.ServiceId;
            });
        });
        var built = host.Build();
        await built.StartAsync();
        return new PinnedClient(built);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
