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
