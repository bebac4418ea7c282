using System.Diagnostics;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;
using ActorScale.Lab.Bench;
using ActorScale.Lab.Cluster;
using HdrHistogram;

namespace ActorScale.Lab.Seed;

/// <summary>
/// <c>actorscale seed --activate N</c>: activates the first N seeded users once (each activation reads the user's two
/// rows from PostgreSQL), measuring the cold activation latency and the silos' resident memory before and after; then
/// loads the first <c>sample</c> users with session checks and cart reads over HTTP for a while, so the same users'
/// latency can be compared with few and with many activations in memory.
/// </summary>
public static class SeedMeasurement
{
    private const int Concurrency = 64;

    public static async Task<SeedMeasurementReport> RunAsync(
        LocalCluster cluster, IClusterClient client, byte[] key, string prefix, int activate, int sample, TimeSpan duration, Action<int> progress, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var silos = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
        var rssBefore = silos.ToDictionary(s => s.Name, s => ProcessStats.RssMiB(s.Pid) ?? 0);

        var cold = new LongHistogram(60_000_000, 3);
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            var local = new LongHistogram(60_000_000, 3);
            int i;
            while ((i = Interlocked.Increment(ref next)) < activate)
            {
                var started = Stopwatch.GetTimestamp();
                await client.GetGrain<IUserSessionGrain>(UserKey.For(SeedTokens.UserId(prefix, i))).LocateAsync();
                local.RecordValue((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                if (Interlocked.Increment(ref done) % 50_000 == 0)
                {
                    progress(done);
                }
            }

            lock (cold)
            {
                cold.Add(local);
            }
        }, cancellationToken)));
        var activationSeconds = clock.Elapsed.TotalSeconds;
        var rssAfter = silos.ToDictionary(s => s.Name, s => ProcessStats.RssMiB(s.Pid) ?? 0);

        var entry = state.LbPort > 0 ? state.BalancerAddress : LocalCluster.HttpAddress(silos[0].HttpPort);
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = cluster.Home.Certificates.HttpsClientOptions() }) { BaseAddress = new Uri(entry), Timeout = TimeSpan.FromSeconds(10) };
        var signer = cluster.Home.TokenSigner();
        var session = await LoadAsync(http, "/api/me", key, signer, prefix, sample, duration, cancellationToken);
        var cart = await LoadAsync(http, "/api/cart", key, signer, prefix, sample, duration, cancellationToken);
        var grown = rssAfter.Sum(r => r.Value) - rssBefore.Sum(r => r.Value);
        var inMemory = (await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics(cancellationToken))
            .Where(s => s.GrainType.Split(',')[0].EndsWith(".UserGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var outcomes = silos.Select(s => (Silo: s, Memory: MemoryCgroup.Find(cluster.Home, s.Name))).Select(s => new SiloMemoryOutcome(
            s.Silo.Name,
            NativeProcess.IsRunning(s.Silo.Pid, SiloBinary.ProgramName),
            state.SiloMemoryLimitBytes > 0 ? state.SiloMemoryLimitBytes / 1048576.0 : null,
            s.Memory is null ? null : Math.Round(s.Memory.UsageBytes() / 1048576.0, 1),
            s.Memory?.OomKills() ?? 0)).ToList();
        return new SeedMeasurementReport(
            activate,
            Math.Round(activationSeconds, 1),
            Math.Round(activate / Math.Max(0.001, activationSeconds)),
            Latency.From(cold),
            rssBefore,
            rssAfter,
            Math.Round(grown * 1024 * 1024 / Math.Max(1, activate)),
            sample,
            session,
            cart,
            inMemory,
            outcomes);
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, string path, byte[] key, TokenSigner signer, string prefix, int sample, TimeSpan duration, CancellationToken cancellationToken) =>
        await LoadGenerator.RunAsync(
            async (random, stop) =>
            {
                var user = SeedTokens.UserId(prefix, random.Next(sample));
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new("Bearer", SeedTokens.Token(key, signer, user));
                using var response = await http.SendAsync(request, stop);
                response.EnsureSuccessStatusCode();
            },
            concurrency: 32,
            warmup: TimeSpan.FromSeconds(5),
            duration,
            seed: 1,
            atStart: () => Task.CompletedTask,
            atEnd: () => Task.CompletedTask,
            cancellationToken);
}
