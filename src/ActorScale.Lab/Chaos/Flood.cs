using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ActorScale.Lab.Bench;
using ActorScale.Lab.Cluster;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// The abuse beside a chaos run (<c>--flood N</c>): N clients registering accounts and logging in as fast as they are
/// answered, and N sending forged bearer tokens, each client from its own loopback address, all through the balancer.
/// </summary>
/// <param name="api">The balancer's base address.</param>
/// <param name="clients">Clients of each kind.</param>
/// <param name="runId">The chaos run's id: flood users are <c>flood-{runId}-...</c>, forged tokens name <c>chaos-{runId}-ghost-...</c>.</param>
/// <param name="tls">How its clients judge the balancer's HTTPS certificate.</param>
public sealed class Flood(Uri api, int clients, string runId, System.Net.Security.SslClientAuthenticationOptions? tls = null)
{
    /// <summary>
    /// Requests a second each flood client offers, whatever the answers (429s included). Fixed, so that a run offers a
    /// known load: unpaced, 32 clients on this 2-core machine made 5 500 requests a second, and the generator and nginx
    /// answering its 429s took the cores the silos needed; that measured the machine running the attacker.
    /// </summary>
    public const int RequestsPerSecondPerClient = 20;

    private const string Password = "flood-password-1";

    private readonly ConcurrentDictionary<string, long> _answers = new();

    public IReadOnlyDictionary<string, long> Answers => _answers.ToDictionary(a => a.Key, a => a.Value);

    /// <summary>Runs the flood until <paramref name="stop"/>.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).SelectMany(i => new[]
        {
            Task.Run(() => RegisterAndLoginAsync(i, stop), CancellationToken.None),
            Task.Run(() => ForgeAsync(clients + i, stop), CancellationToken.None),
        }));

    /// <summary>
    /// <paramref name="requests"/> forged tokens for users that were never registered, 32 at a time, each request from the
    /// next of the flood's 253 addresses (so that the balancer's per-address limit leaves them to the servers): with
    /// tokens that carry a MAC, none may activate a grain or reach PostgreSQL.
    /// </summary>
    public async Task<(Dictionary<string, long> Answers, int ActivationsBefore, int ActivationsAfter, long[]? Statements)> ProbeForgedAsync(
        IClusterClient client, StoreCounters counters, int requests, CancellationToken cancellationToken)
    {
        var answers = new ConcurrentDictionary<string, long>();
        var before = await UserActivationsAsync(client);
        var statementsBefore = await counters.SnapshotAsync([]);
        var next = -1;
        var from = Enumerable.Range(0, SourceAddress.FloodAddresses).Select(i => SourceAddress.Client(SourceAddress.Flood(i), TimeSpan.FromSeconds(10), tls)).ToList();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
            {
                for (var k = Interlocked.Increment(ref next); k < requests; k = Interlocked.Increment(ref next))
                {
                    var status = await SendAsync(from[k % from.Count], HttpMethod.Get, "/api/cart", ForgedToken($"chaos-{runId}-probe-{k}"), null, cancellationToken);
                    answers.AddOrUpdate(status, 1, (_, n) => n + 1);
                }
            }));
        }
        finally
        {
            from.ForEach(c => c.Dispose());
        }

        var statementsAfter = await counters.SnapshotAsync([]);
        var after = await UserActivationsAsync(client);
        var delta = counters.StatementsAvailable ? PostgresStatementStats.Delta(statementsBefore.Statements, statementsAfter.Statements) : null;
        return (answers.ToDictionary(a => a.Key, a => a.Value), before, after, delta is null ? null : [delta.Reads, delta.Writes, delta.Control]);
    }

    private async Task RegisterAndLoginAsync(int index, CancellationToken stop)
    {
        using var http = SourceAddress.Client(SourceAddress.Flood(index), TimeSpan.FromSeconds(30), tls);
        var pace = new Pace();
        for (var k = 0; !stop.IsCancellationRequested; k++)
        {
            var user = new { userId = $"flood-{runId}-{index}-{k}", password = Password };
            Count("register", await SendAsync(http, HttpMethod.Post, "/api/users", null, user, stop));
            await pace.NextAsync(stop);
            Count("login", await SendAsync(http, HttpMethod.Post, "/api/sessions", null, user, stop));
            await pace.NextAsync(stop);
        }
    }

    private async Task ForgeAsync(int index, CancellationToken stop)
    {
        using var http = SourceAddress.Client(SourceAddress.Flood(index), TimeSpan.FromSeconds(30), tls);
        var pace = new Pace();
        while (!stop.IsCancellationRequested)
        {
            Count("forged", await SendAsync(http, HttpMethod.Get, "/api/cart", ForgedToken($"chaos-{runId}-ghost-{Random.Shared.Next(100_000)}"), null, stop));
            await pace.NextAsync(stop);
        }
    }

    /// <summary>A token of the full signed shape (secret, key id, MAC) that the cluster never issued.</summary>
    private static string ForgedToken(string user) =>
        $"as1.{user}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(6))}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))}";

    private async Task<string> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(api, path));
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "cancelled";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return "error";
        }
    }

    private void Count(string kind, string status)
    {
        if (status != "cancelled")
        {
            _answers.AddOrUpdate($"{kind} {status}", 1, (_, n) => n + 1);
        }
    }

    private static async Task<int> UserActivationsAsync(IClusterClient client) =>
        (await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Split(',')[0].EndsWith(".UserGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);

    /// <summary>Sends on a fixed schedule of <see cref="RequestsPerSecondPerClient"/>; a slow answer delays only itself.</summary>
    private sealed class Pace
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.0 / RequestsPerSecondPerClient);
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _next;

        public async Task NextAsync(CancellationToken stop)
        {
            _next += Interval;
            var wait = _next - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    // The run is over.
                }
            }
        }
    }
}
