using System.Threading.Channels;
using ActorScale.Lab;
using ActorScale.Lab.Autoscale;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// The Prometheus that <c>cluster up</c> starts, on a real cluster of its own (one silo: the autoscaler adds and drains
/// one, which must not change the shared cluster the other tests count silos on): it scrapes every running silo (found
/// through the service discovery file the launcher rewrites), its rules rate a silo's requests for <c>cluster status</c>,
/// and <c>cluster autoscale</c>'s loop reads them to add a silo under load and drain it once the load is gone, the
/// targets following each change.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class PrometheusTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private readonly LocalCluster _cluster = new(new ClusterHome(Path.Combine(Path.GetTempPath(), $"actorscale-prom-{Guid.NewGuid():N}"[..32])), LabOutput.Null);

    public Task InitializeAsync() => _cluster.UpAsync(1, CancellationToken.None);

    public Task DisposeAsync() => _cluster.DownAsync(purge: Environment.GetEnvironmentVariable("ACTORSCALE_KEEP_TEST_LOGS") != "1");

    [Fact]
    public async Task ScrapesEverySilo_RatesItsRequests_AndAutoscaleAddsThenDrainsASilo_WithTheTargetsFollowing()
    {
        var state = await _cluster.RequireRunningAsync();
        Assert.True(NativeProcess.IsRunning(state.PrometheusPid, PrometheusServer.Program), "cluster up starts a Prometheus");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var prometheus = new PrometheusApi(http, state.PrometheusPort);
        var running = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        await AwaitTargetsAsync(prometheus, [.. running.Select(s => s.Name)]);

        // Load on the silo's API until the scale-out; then none, so the autoscaler drains the silo it added.
        var first = running[0];
        using var stopLoad = new CancellationTokenSource();
        var load = LoadAsync(http, new Uri($"{LocalCluster.HttpAddress(first.HttpPort)}/api/catalog"), stopLoad.Token);
        await Eventually.ReturnsAsync($"{first.Name}'s request rate above 0 by Prometheus' rule", () => SiloLoad.ReadAsync(prometheus), loads => loads.Any(l => l.Silo == first.Name && l.RequestsPerSecond > 0), Deadline);
        var status = await ClusterInspector.InspectAsync(_cluster, await _cluster.RequireRunningAsync(), connect: null);
        Assert.True(status.Silos.Single(s => s.Name == first.Name).RequestsPerSecond > 0, "cluster status shows the silo's req/s from Prometheus");
        Assert.NotNull(status.Prometheus);

        var changes = Channel.CreateUnbounded<AutoscaleEvent>();
        var settings = new AutoscaleSettings(running.Count, running.Count + 1, AutoscaleMetric.Requests, 1, TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        using var stopScaler = new CancellationTokenSource();
        var scaler = new Autoscaler(_cluster, LabOutput.Null, settings).RunAsync(TimeSpan.FromMinutes(3), stopScaler.Token, change => changes.Writer.TryWrite(change));
        try
        {
            var scaledOut = await NextChangeAsync(changes, "a scale-out under the load");
            Assert.Equal(("out", running.Count + 1), (scaledOut.Action, scaledOut.Silos));
            await AwaitTargetsAsync(prometheus, [.. running.Select(s => s.Name), scaledOut.Silo]);

            await stopLoad.CancelAsync();
            await load;
            var scaledIn = await NextChangeAsync(changes, "a scale-in once the load stopped");
            Assert.Equal(("in", scaledOut.Silo, running.Count), (scaledIn.Action, scaledIn.Silo, scaledIn.Silos));
            Assert.DoesNotContain((await _cluster.RequireRunningAsync()).Silos, s => s.Name == scaledIn.Silo && NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName));
            await AwaitTargetsAsync(prometheus, [.. running.Select(s => s.Name)]);
        }
        finally
        {
            await stopLoad.CancelAsync();
            await stopScaler.CancelAsync();
            await scaler;
            await load;
        }
    }

    private static Task<string> AwaitTargetsAsync(PrometheusApi prometheus, IReadOnlyList<string> silos)
    {
        var expected = string.Join(", ", silos.Order(StringComparer.Ordinal).Select(s => $"{s} up"));
        return Eventually.ReturnsAsync(
            $"Prometheus scraping exactly {string.Join(", ", silos)}, each up",
            async () => string.Join(", ", (await prometheus.TargetsAsync()).OrderBy(t => t.Silo, StringComparer.Ordinal).Select(t => $"{t.Silo} {t.Health}")),
            seen => seen == expected,
            Deadline);
    }

    private static async Task<AutoscaleEvent> NextChangeAsync(Channel<AutoscaleEvent> changes, string awaited)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            return await changes.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"awaited {awaited} for 90 s");
        }
    }

    private static async Task LoadAsync(HttpClient http, Uri uri, CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(uri, stop);
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
