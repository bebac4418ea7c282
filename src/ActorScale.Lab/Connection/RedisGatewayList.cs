using System.Net;
using ActorScale.Hosting;
using ActorScale.Lab.Cluster;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using StackExchange.Redis;

namespace ActorScale.Lab.Connection;

/// <summary>
/// A client's gateways from Orleans' Redis membership table: the Active silos' gateway ports. Read-only (HGETALL), so
/// clients log in as the read-only Redis user <c>client</c>: Orleans' own Redis gateway list provider (10.4.2)
/// writes the table's version at start (HSETNX), which would need a user that may write the membership.
/// </summary>
internal sealed class RedisGatewayList(ClusterSettings settings, IOptions<GatewayOptions> options) : IGatewayListProvider, IDisposable
{
    private ConnectionMultiplexer? _redis;

    public TimeSpan MaxStaleness => options.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public async Task InitializeGatewayListProvider() =>
        _redis ??= await ConnectionMultiplexer.ConnectAsync(settings.RedisOptions());

    public async Task<IList<Uri>> GetGateways()
    {
        await InitializeGatewayListProvider();
        var rows = await RedisMembership.ReadAsync(_redis!.GetDatabase(), settings.ServiceId, settings.ClusterId);
        return [.. rows.Where(r => r.Status == "Active" && r.GatewayPort > 0).Select(Gateway)];
    }

    public void Dispose() => _redis?.Dispose();

    /// <summary>As Orleans writes it: the silo's address and generation with the gateway port.</summary>
    private static Uri Gateway(Cluster.MembershipEntry row)
    {
        var silo = SiloAddress.FromParsableString(row.SiloAddress);
        return SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, row.GatewayPort), silo.Generation).ToGatewayUri();
    }
}
