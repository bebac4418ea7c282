using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// Asks a cut-off server the questions a partition raises, over HTTP, so that silos and stateless servers answer the
/// same ones. Before the cut, a few users are created through the cut-off server (a silo then hosts their grains) with
/// several sessions each. During the partition, for each user in turn: a cart write and a logout of one of the old
/// sessions are acknowledged through a healthy server (retried with the same Idempotency-Key until they are), and right
/// after each acknowledgement the cut-off server is asked for the cart and about the logged-out token. An answer that
/// misses the write, or accepts the token, is a finding.
/// </summary>
public sealed class PartitionProbe(HttpClient http, Uri victim, string victimName, Uri healthy, string sku)
{
    private const string Password = "partition-probe-password";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AcknowledgeDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuestionTimeout = TimeSpan.FromSeconds(1);

    private readonly List<ProbeUser> _users = [];
    private readonly List<PartitionFinding> _findings = [];
    private readonly Lock _lock = new();
    private int _revocations;
    private int _writes;
    private int _questions;
    private int _failedAttempts;
    private int _unresolved;

    /// <summary>Creates <paramref name="count"/> users through the cut-off server, each with <paramref name="sessions"/> sessions.</summary>
    public async Task PrepareAsync(string prefix, int count, int sessions, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var user = $"{prefix}-{i}";
            await SendAsync(victim, HttpMethod.Post, "/api/users", null, new { userId = user, password = Password }, Guid.NewGuid(), cancellationToken);
            var tokens = new List<string>();
            for (var s = 0; s < sessions; s++)
            {
                using var login = await SendAsync(victim, HttpMethod.Post, "/api/sessions", null, new { userId = user, password = Password }, null, cancellationToken);
                tokens.Add((await ReadJsonAsync(login, cancellationToken)).GetProperty("token").GetString()!);
            }

            using var added = await SendAsync(victim, HttpMethod.Post, "/api/cart/items", tokens[0], new { sku, quantity = 1 }, Guid.NewGuid(), cancellationToken);
            var version = (await ReadJsonAsync(added, cancellationToken)).GetProperty("cart").GetProperty("version").GetInt32();
            _users.Add(new ProbeUser(user, tokens[0], new Stack<string>(tokens.Skip(1)), version));
        }
    }

    /// <summary>The users it created (their grains live where the cut-off silo placed them).</summary>
    public IReadOnlyList<string> Users => [.. _users.Select(u => u.Id)];

    /// <summary>Asks questions until <paramref name="stop"/> is cancelled: each user in its own loop.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(_users.Select((u, i) => RunUserAsync(u, i, stop)));

    /// <summary>The counts and findings so far.</summary>
    public (int Revocations, int Writes, int Questions, int FailedAttempts, int Unresolved, IReadOnlyList<PartitionFinding> Findings) Results()
    {
        lock (_lock)
        {
            return (_revocations, _writes, _questions, _failedAttempts, _unresolved, [.. _findings]);
        }
    }

    private async Task RunUserAsync(ProbeUser user, int index, CancellationToken stop)
    {
        var round = index;
        while (!stop.IsCancellationRequested)
        {
            round++;

            // A write acknowledged elsewhere, then the cut-off server asked for the cart.
            var write = await AcknowledgeAsync(HttpMethod.Put, $"/api/cart/items/{sku}", user.ReadToken, new { quantity = 1 + (round % 50) }, stop);
            if (write is { } written)
            {
                var acked = (await ReadJsonAsync(written.Response, CancellationToken.None)).GetProperty("cart").GetProperty("version").GetInt32();
                written.Response.Dispose();
                Count(ref _writes);
                var (status, body) = await AskAsync("/api/cart", user.ReadToken);
                if (status == HttpStatusCode.OK && body?.GetProperty("version").GetInt32() is { } seen && seen < acked)
                {
                    Find("stale-read", user, written.AckedAt, $"version {seen}, acknowledged {acked}");
                }
            }

            // A logout acknowledged elsewhere, then the cut-off server asked about that token, a few times.
            if (user.Revocable.Count > 0 && !stop.IsCancellationRequested)
            {
                var token = user.Revocable.Pop();
                if (await AcknowledgeAsync(HttpMethod.Delete, "/api/sessions/current", token, null, stop) is { } logout)
                {
                    logout.Response.Dispose();
                    Count(ref _revocations);
                    for (var ask = 0; ask < 5; ask++)
                    {
                        if ((await AskAsync("/api/me", token)).Status == HttpStatusCode.OK)
                        {
                            Find("revoked-token-accepted", user, logout.AckedAt, "GET /api/me answered 200");
                        }

                        await Task.Delay(100, CancellationToken.None);
                    }
                }
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    /// <summary>Sends through the healthy server until acknowledged (2xx), one Idempotency-Key for every attempt.</summary>
    private async Task<(HttpResponseMessage Response, long AckedAt)?> AcknowledgeAsync(HttpMethod method, string path, string token, object? body, CancellationToken stop)
    {
        var key = Guid.NewGuid();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < AcknowledgeDeadline)
        {
            try
            {
                using var timeout = new CancellationTokenSource(AttemptTimeout);
                var response = await SendAsync(healthy, method, path, token, body, key, timeout.Token);
                return (response, Stopwatch.GetTimestamp());
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                Count(ref _failedAttempts);
                if (stop.IsCancellationRequested && deadline.Elapsed > AttemptTimeout * 3)
                {
                    break;
                }

                await Task.Delay(200, CancellationToken.None);
            }
        }

        Count(ref _unresolved);
        return null;
    }

    /// <summary>One question to the cut-off server: its status and body, or 0 when it does not answer in time.</summary>
    private async Task<(HttpStatusCode Status, JsonElement? Body)> AskAsync(string path, string token)
    {
        Count(ref _questions);
        try
        {
            using var timeout = new CancellationTokenSource(QuestionTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(victim, path));
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? (response.StatusCode, await ReadJsonAsync(response, timeout.Token))
                : (response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (0, null);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri server, HttpMethod method, string path, string? token, object? body, Guid? key, CancellationToken cancellationToken)
    {
        using var request = ApiRequest.Create(method, new Uri(server, path), token, body, key);

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"{method} {path} on {server}: {(int)response.StatusCode} {problem}", null, response.StatusCode);
        }

        return response;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);

    private void Find(string kind, ProbeUser user, long ackedAt, string detail)
    {
        lock (_lock)
        {
            _findings.Add(new PartitionFinding(kind, user.Id, victimName, Math.Round(Stopwatch.GetElapsedTime(ackedAt).TotalSeconds, 3), detail));
        }
    }

    private static void Count(ref int counter) => Interlocked.Increment(ref counter);

    private sealed record ProbeUser(string Id, string ReadToken, Stack<string> Revocable, int Version);
}
