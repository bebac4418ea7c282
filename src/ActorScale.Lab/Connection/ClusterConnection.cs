using ActorScale.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ActorScale.Lab.Connection;

/// <summary>An Orleans client connected to the cluster; failing to connect is one clear error within seconds.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>How long a call may take before it counts as lost (default 30 s is too long for a person or a chaos run).</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(8);

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The client host's services (gateway list, options), for diagnostics and tests.</summary>
    public IServiceProvider Services => _host.Services;

    public static async Task<ClusterConnection> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseActorScaleClustering(settings.Cluster, settings.Gateways);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);

            // New and departed gateways are noticed within seconds instead of the default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));

            // A caller's trace (a traced load generator, a script's) continues into the grain calls.
            client.AddActivityPropagation();
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return new ClusterConnection(host);
        }
        catch (Exception ex) when (ex is not UsageException)
        {
            host.Dispose();
            var reason = ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : ex.GetBaseException().Message.Split('\n')[0].Trim();
            throw new ClusterUnavailableException($"cannot reach the cluster through {settings.Description}: {reason}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Orleans.Runtime.OrleansException)
        {
            // Leaving a cluster that is gone is not an error of the command.
        }

        _host.Dispose();
    }
}
