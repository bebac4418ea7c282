using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;
using Npgsql;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// Reads the final state for the ledger check: every cart and order history through the grains and straight from
/// PostgreSQL (the stored JSON, decoded here without the grain code), and every token's status through every gateway.
/// </summary>
public sealed class ChaosObserver(LocalCluster cluster, IClusterClient client)
{
    private const int Parallelism = 8;

    public async Task<(Dictionary<string, ObservedUser> Users, Dictionary<string, ImmutableList<string>> Forged)> ObserveAsync(
        ClusterState state, IReadOnlyList<VirtualUser> users, string runId, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredCartsAsync(state, runId, cancellationToken);
        var gateways = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var pinned = new List<ClusterConnection>();
        try
        {
            foreach (var silo in gateways)
            {
                pinned.Add(await ClusterConnection.ConnectAsync(new ConnectionSettings(state.ClientSettings(cluster.Home), [new IPEndPoint(IPAddress.Loopback, silo.GatewayPort)], silo.Name), cancellationToken));
            }

            var observed = new Dictionary<string, ObservedUser>();
            var forged = new Dictionary<string, ImmutableList<string>>();
            using var gate = new SemaphoreSlim(Parallelism);
            await Task.WhenAll(users.Select(async user =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var (seen, forgedStatuses) = await ObserveUserAsync(user, stored, pinned, cancellationToken);
                    lock (observed)
                    {
                        observed[user.User] = seen;
                        forged[user.User] = forgedStatuses;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
            return (observed, forged);
        }
        finally
        {
            foreach (var connection in pinned)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task<(ObservedUser, ImmutableList<string>)> ObserveUserAsync(
        VirtualUser user, IReadOnlyDictionary<string, StoredCart> stored, List<ClusterConnection> gateways, CancellationToken cancellationToken)
    {
        var key = UserKey.For(user.User);
        var token = user.Token ?? (await Retry.RunAsync(async _ => await client.GetGrain<IUserSessionGrain>(key).LoginAsync("chaos-password-1"), cancellationToken)).Token;
        var cart = client.GetGrain<ICartGrain>(key);
        var view = await Retry.RunAsync(async _ => await cart.GetAsync(token), cancellationToken);
        var orders = await Retry.RunAsync(async _ => await cart.ListOrdersAsync(token), cancellationToken);

        var statuses = ImmutableDictionary.CreateBuilder<string, ImmutableList<string>>();
        foreach (var issued in user.Issued.Distinct())
        {
            statuses[issued] = await StatusEverywhereAsync(gateways, key, issued, cancellationToken);
        }

        var forgedToken = new SessionToken(user.User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')).ToString();
        var forged = await StatusEverywhereAsync(gateways, key, forgedToken, cancellationToken);

        var saved = stored.GetValueOrDefault(key) ?? new StoredCart(ImmutableDictionary<string, int>.Empty, 0, []);
        return (new ObservedUser(
            user.User,
            view.Lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity),
            view.Version,
            [.. orders.Select(o => (o.OrderId, o.Lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity)))],
            saved.Lines,
            saved.Version,
            saved.OrderIds,
            statuses.ToImmutable()), forged);
    }

    private static async Task<ImmutableList<string>> StatusEverywhereAsync(List<ClusterConnection> gateways, string key, string token, CancellationToken cancellationToken)
    {
        var statuses = new List<string>();
        foreach (var gateway in gateways)
        {
            var check = await Retry.RunAsync(async _ => await gateway.Client.GetGrain<IUserSessionGrain>(key).ValidateAsync(token), cancellationToken);
            statuses.Add(check.Status.ToString());
        }

        return [.. statuses];
    }

    /// <summary>The stored cart rows of this run, decoded from their JSON payload.</summary>
    private async Task<Dictionary<string, StoredCart>> ReadStoredCartsAsync(ClusterState state, string runId, CancellationToken cancellationToken)
    {
        var carts = new Dictionary<string, StoredCart>();
        // A connection of its own, not from the pool: the run may have restarted PostgreSQL under pooled ones.
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.AppConnectionString(state)) { Pooling = false }.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            $"SELECT grain_ext, convert_from(payload, 'UTF8') FROM orleans.grain_state WHERE service_id = @service AND state_name = '{StateNames.Cart}' AND grain_ext LIKE @prefix AND payload IS NOT NULL",
            db);
        query.Parameters.AddWithValue("service", state.ServiceId);
        query.Parameters.AddWithValue("prefix", UserKey.For($"chaos-{runId}-") + "%");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var json = JsonDocument.Parse(reader.GetString(1));
            var root = json.RootElement;
            carts[reader.GetString(0)] = new StoredCart(
                root.GetProperty("lines").EnumerateArray().ToImmutableDictionary(l => l.GetProperty("sku").GetString()!, l => l.GetProperty("quantity").GetInt32()),
                root.GetProperty("version").GetInt32(),
                [.. root.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)]);
        }

        return carts;
    }

    private sealed record StoredCart(ImmutableDictionary<string, int> Lines, int Version, ImmutableList<string> OrderIds);
}
