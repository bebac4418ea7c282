using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorScale.ComposeTests.Running;

/// <summary>
/// docker-compose.yml run for real: every silo ready, the demo client succeeds, and a silo container killed with
/// SIGKILL while clients write loses nothing they were told was written, then rejoins when restarted. Skipped, with
/// the reason, where no Docker engine answers.
/// </summary>
public sealed class ComposeTopologyTests(ComposeTopology topology, ITestOutputHelper output) : IClassFixture<ComposeTopology>
{
    private const string Victim = "silo2";
    private const int Writers = 6;

    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Read = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Up_EverySilo_IsReadyAndTheDemoClientSucceeds()
    {
        RunningProject();
        Assert.True(topology.DemoEnd == "exited 0", $"the demo client ended '{topology.DemoEnd}'; its output:\n{topology.DemoOutput}");

        using var http = topology.NewHttpClient();
        await ComposeTopology.WaitUntilReadyAsync(http, topology.Silos);
        using var catalog = await http.GetAsync(new Uri(topology.LoadBalancer, "api/catalog"));
        Assert.True(catalog.StatusCode == HttpStatusCode.OK, $"GET /api/catalog through the load balancer answered {(int)catalog.StatusCode}");
        output.WriteLine($"build.sh {topology.BuildTime.TotalSeconds:0.0} s, up -d {topology.UpTime.TotalSeconds:0.0} s");
    }

    [SkippableFact]
    public async Task Stores_RefuseConnectionsWithoutTls_SilosUseIt_ServersRunAsTheirOwnUsers()
    {
        var project = RunningProject();

        // Redis: no plain port at all; over TLS it answers (as the read-only client user).
        var plain = await project.ExecAsync("redis", "redis-cli", "-p", "6379", "PING");
        Assert.False(plain.Succeeded && plain.Output.Contains("PONG", StringComparison.Ordinal), $"Redis answered a plaintext PING: {plain.Describe()}");
        var tls = (await project.ExecAsync(
            "redis", "sh", "-c", """REDISCLI_AUTH="$(cat /run/secrets/redis_client_password)" exec redis-cli --tls --cacert /run/secrets/cluster_tls_trust --no-auth-warning --user client PING""")).EnsureSuccess();
        Assert.Contains("PONG", tls.Output, StringComparison.Ordinal);

        // PostgreSQL: a network connection without TLS is refused by pg_hba before any password; the silos' are all TLS.
        var refused = await project.ExecAsAsync("postgres", "postgres", "psql", "-w", "host=127.0.0.1 sslmode=disable user=actorscale_reader dbname=actorscale", "-c", "SELECT 1");
        Assert.False(refused.Succeeded, $"PostgreSQL took a connection without TLS: {refused.Describe()}");
        Assert.Contains("no encryption", refused.Error, StringComparison.Ordinal);
        var connections = (await project.ExecAsAsync(
            "postgres", "postgres", "psql", "-U", "postgres", "-At", "-c",
            "SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE NOT s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'actorscale_app'")).EnsureSuccess().Output.Trim();
        var counts = connections.Split('|').Select(int.Parse).ToList();
        Assert.True(counts[0] > 0 && counts[1] == 0, $"the silos' connections to PostgreSQL with TLS | without: {connections}");

        // Neither server runs as root in its container (their start scripts drop privileges).
        foreach (var (service, server) in new[] { ("redis", "redis-server"), ("postgres", "postgres") })
        {
            var status = (await project.ExecAsync(service, "cat", "/proc/1/status")).EnsureSuccess().Output;
            var name = status.Split('\n').First(line => line.StartsWith("Name:", StringComparison.Ordinal));
            var uid = status.Split('\n').First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.Contains(server, name, StringComparison.Ordinal);
            Assert.True(uid != "0", $"{service}'s {server} runs as root");
        }

        output.WriteLine($"Redis over TLS: {tls.Output.Trim()}; PostgreSQL without TLS: {refused.Error.Trim().Split('\n')[0]}; silo connections TLS|plain: {connections}");
    }

    [SkippableFact]
    public async Task Silos_ServeTheApiOverTls_TheirPlainPortOnlyOnTheirOwnLoopback()
    {
        RunningProject();
        using var http = topology.NewHttpClient();

        // Over TLS, each silo by its service name (its certificate names it) and the balancer, which verifies them.
        foreach (var entry in (IEnumerable<Uri>)[.. topology.Silos, topology.LoadBalancer])
        {
            using var catalog = await http.GetAsync(new Uri(entry, "api/catalog"));
            Assert.True(catalog.StatusCode == HttpStatusCode.OK, $"GET {entry}api/catalog answered {(int)catalog.StatusCode}");
        }

        // The plain port is the container's healthcheck's, on its loopback: from the network nothing answers there.
        foreach (var plain in topology.PlainSiloPorts)
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            var refused = await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => tcp.ConnectAsync(plain.Address, plain.Port));
            output.WriteLine($"{plain}: {refused.SocketErrorCode}");
        }
    }

    [SkippableFact]
    public async Task SiloKilled_WhileClientsWrite_LosesNothingAcknowledgedAndItsRestartRejoins()
    {
        var project = RunningProject();
        var clock = Stopwatch.StartNew();
        using var http = topology.NewHttpClient();
        await ComposeTopology.WaitUntilReadyAsync(http, topology.Silos);

        var skus = await CatalogAsync(http);
        var run = Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, Writers)
            .Select(i => new CartWriter($"compose-{run}-{i}", topology.Silos, i % topology.Silos.Count, skus, http))
            .ToList();
        foreach (var writer in writers)
        {
            await writer.SignUpAsync();
        }

        var table = MembershipKey();
        var killed = (await MembershipRow.ReadAsync(project, table)).Single(row => row.Name == Victim && row.Status == MembershipRow.Active);

        using var stop = new CancellationTokenSource();
        var running = writers.Select(writer => Task.Run(() => writer.RunAsync(stop.Token))).ToList();
        TimeSpan recovered, rejoined;
        try
        {
            await WaitForWritesAsync(running, writers, "every client acknowledged 5 writes before the kill", 5);

            var killedAt = TimeProvider.System.GetUtcNow();
            var kill = Stopwatch.StartNew();
            (await project.DockerOnServiceAsync("kill", Victim, "--signal", "KILL")).EnsureSuccess();
            await WaitForWritesAsync(running, writers, $"every client acknowledged 10 writes after {Victim} was killed", 10, killedAt);
            recovered = kill.Elapsed;
            var exit = (await project.DockerOnServiceAsync("inspect", Victim, "--format", "{{.State.Status}} {{.State.ExitCode}}")).EnsureSuccess().Output.Trim();
            Assert.True(exit == "exited 137", $"{Victim} after docker kill: '{exit}', expected 'exited 137' (SIGKILL)");

            var restart = Stopwatch.StartNew();
            (await project.DockerOnServiceAsync("start", Victim)).EnsureSuccess();
            await ComposeTopology.WaitUntilReadyAsync(http, [topology.Silos[ComposeFile.Silos.ToList().IndexOf(Victim)]]);
            await Eventually.WaitAsync(
                $"the membership to show {Victim} Active again at a new generation and {killed.Address} Dead",
                async () =>
                {
                    var rows = await MembershipRow.ReadAsync(project, table);
                    var holds = rows.Any(row => row.Name == Victim && row.Status == MembershipRow.Active && row.Address != killed.Address)
                        && rows.Any(row => row.Address == killed.Address && row.Status == MembershipRow.Dead);
                    return (holds, string.Join("; ", rows));
                },
                Recovery);
            rejoined = restart.Elapsed;
            var rejoinedAt = TimeProvider.System.GetUtcNow();
            await WaitForWritesAsync(running, writers, $"every client acknowledged 5 writes after {Victim} rejoined", 5, rejoinedAt);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await Task.WhenAll(running);
        foreach (var writer in writers)
        {
            foreach (var entry in (IEnumerable<Uri>)[.. topology.Silos, topology.LoadBalancer])
            {
                await AssertCartAsync(http, writer, entry);
            }
        }

        output.WriteLine(
            $"build.sh {topology.BuildTime.TotalSeconds:0.0} s, up -d {topology.UpTime.TotalSeconds:0.0} s; kill test {clock.Elapsed.TotalSeconds:0.0} s: " +
            $"{writers.Sum(w => w.Acknowledged)} writes acknowledged, {writers.Sum(w => w.FailedAttempts)} failed attempts retried, " +
            $"every client writing again {recovered.TotalSeconds:0.0} s after the kill, {Victim} rejoined {rejoined.TotalSeconds:0.0} s after docker start");
    }

    private ComposeProject RunningProject()
    {
        Skip.IfNot(topology.Engine.Available, topology.Engine.Problem);
        return topology.Project ?? throw new InvalidOperationException("the topology is not up");
    }

    private async Task<IReadOnlyList<string>> CatalogAsync(HttpClient http)
    {
        using var catalog = JsonDocument.Parse(await http.GetStringAsync(new Uri(topology.Silos[0], "api/catalog")));
        return catalog.RootElement.EnumerateArray().Select(product => product.GetProperty("sku").GetString()!).ToList();
    }

    /// <summary>Waits until every writer has <paramref name="count"/> acknowledged writes (since a time, or in all).</summary>
    private static async Task WaitForWritesAsync(IReadOnlyList<Task> running, IReadOnlyList<CartWriter> writers, string awaited, int count, DateTimeOffset? since = null)
    {
        await Eventually.WaitAsync(
            awaited,
            () =>
            {
                // A client that failed (a write no silo acknowledged in time, a refusal) fails the test now, not at the deadline.
                if (running.FirstOrDefault(task => task.IsFaulted) is { } failed)
                {
                    throw failed.Exception!;
                }

                var counts = writers.Select(w => (w.UserId, Count: since is { } time ? w.AcknowledgedSince(time) : w.Acknowledged)).ToList();
                return Task.FromResult((counts.All(c => c.Count >= count), string.Join(", ", counts.Select(c => $"{c.UserId}: {c.Count}"))));
            },
            Recovery);
    }

    /// <summary>The cart read through <paramref name="entry"/> holds exactly the acknowledged writes: none lost, none applied twice.</summary>
    private static async Task AssertCartAsync(HttpClient http, CartWriter writer, Uri entry)
    {
        var expected = writer.Expected.OrderBy(line => line.Key, StringComparer.Ordinal).Select(line => $"{line.Key}={line.Value}");
        await Eventually.WaitAsync(
            $"{writer.UserId}'s cart through {entry}",
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(entry, "api/cart"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", writer.Token);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return (false, $"{(int)response.StatusCode} {body}");
                }

                using var cart = JsonDocument.Parse(body);
                var lines = cart.RootElement.GetProperty("lines").EnumerateArray()
                    .Select(line => (Sku: line.GetProperty("sku").GetString()!, Quantity: line.GetProperty("quantity").GetInt32()))
                    .OrderBy(line => line.Sku, StringComparer.Ordinal)
                    .Select(line => $"{line.Sku}={line.Quantity}");
                Assert.Equal(expected, lines);
                Assert.Equal(writer.Acknowledged, cart.RootElement.GetProperty("version").GetInt32());
                return (true, body);
            },
            Read);
    }

    private static string MembershipKey()
    {
        var silo = ComposeFile.Repository.Service(ComposeFile.Silos[0]).Environment;
        return $"{silo["ActorScale__Cluster__ServiceId"]}/members/{silo["ActorScale__Cluster__ClusterId"]}";
    }
}
