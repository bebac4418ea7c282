using System.Text.Json;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// <c>actorscale bench --quick</c> end to end, as CI runs it: a cluster of its own (real Redis, PostgreSQL, silos, the
/// baseline's servers and nginx), every design (the floor too) and workload and the read-your-writes probe; then
/// <c>--direct</c> with the open loop. Checks the report's shape and what must hold whatever the speed: every request served,
/// grains read carts from memory, a session check in redis-session touches Redis, a revoked grain token is refused at
/// once and a revoked plain JWT is not, no design but the replica's misses an acknowledged write, the replica design
/// reads no cart from the primary; straight to the servers, they answer the
/// catalog themselves. Not a speed test.
/// </summary>
[Collection(BenchCollection.Name)]
public sealed class BenchSmokeTests : IDisposable
{
    private static readonly string[] Designs = ["grains-http", "grains-orleans", "grains-orleans-plaintext", "redis-session", "redis-cache", "jwt", "jwt-denylist", "read-replica", "noop"];
    private static readonly string[] Workloads = ["session", "cart-read", "cart-write", "mix"];

    private readonly string _home = Path.Combine(Path.GetTempPath(), $"actorscale-bench-{Guid.NewGuid():N}");

    [Fact]
    public async Task QuickBench_EveryDesignAndWorkload_ReportInJsonMarkdownAndCharts_ClusterGoneAfter()
    {
        var output = Path.Combine(_home, "report");
        var run = await new Cli(_home, Path.Combine(_home, "profile.json"), TimeSpan.FromMinutes(6)).RunAsync("bench", "--quick", "--json", "--out", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json.GetProperty("result");
        Assert.Equal(Designs, report.GetProperty("designs").EnumerateArray().Select(d => d.GetProperty("design").GetString()));
        foreach (var design in report.GetProperty("designs").EnumerateArray())
        {
            var name = design.GetProperty("design").GetString();
            Assert.Equal(Workloads, design.GetProperty("workloads").EnumerateArray().Select(w => w.GetProperty("workload").GetString()));
            Assert.True(design.GetProperty("tokenBytes").GetInt32() > 40, $"{name}: token size");
            foreach (var workload in design.GetProperty("workloads").EnumerateArray())
            {
                var what = $"{name} {workload.GetProperty("workload").GetString()}";
                Assert.True(workload.GetProperty("requests").GetInt64() > 0, what);
                Assert.True(workload.GetProperty("errors").GetInt64() == 0, $"{what}: {workload.GetProperty("errorSamples")}");
                var latency = workload.GetProperty("latency");
                var (p50, p95, p99, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
                Assert.True(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max, $"{what}: {latency}");
                Assert.True(workload.GetProperty("cpuSecondsPer1000Requests").GetDouble() > 0, what);
                Assert.True(workload.GetProperty("throughputVsRedisSession").GetDouble() > 0, what);
                Assert.True(workload.GetProperty("throughputVsFloor").GetDouble() > 0, what);
            }

            // Read-your-writes: no design may miss a write acknowledged before a read was sent (the floor has no carts).
            if (name == "noop")
            {
                Assert.False(design.TryGetProperty("staleness", out _), "the floor has no staleness figure");
                Assert.Equal(0, design.GetProperty("revocation").GetProperty("samples").GetInt32());
            }
            else
            {
                var staleness = design.GetProperty("staleness");
                Assert.True(staleness.GetProperty("reads").GetInt64() > 0 && staleness.GetProperty("writes").GetInt64() > 0, $"{name}: {staleness}");
                if (name != "read-replica")
                {
                    Assert.Equal(0, staleness.GetProperty("violations").GetInt64());
                }
            }
        }

        var designs = report.GetProperty("designs").EnumerateArray().ToDictionary(d => d.GetProperty("design").GetString()!);
        double Figure(string design, string workload, string figure) =>
            designs[design].GetProperty("workloads").EnumerateArray().Single(w => w.GetProperty("workload").GetString() == workload).GetProperty(figure).GetDouble();

        Assert.Equal(1.0, Figure("redis-session", "session", "throughputVsRedisSession"));
        Assert.Equal(1.0, Figure("noop", "cart-read", "throughputVsFloor"));
        Assert.True(Figure("grains-http", "cart-read", "postgresReadsPer1000Requests") <= 10, "grains read carts from memory");
        Assert.True(Figure("redis-session", "cart-read", "postgresReadsPer1000Requests") >= 900, "the baseline reads each cart from PostgreSQL");
        Assert.True(Figure("redis-session", "session", "redisCommandsPerRequest") >= 1, "a redis-session check asks Redis");
        Assert.True(Figure("redis-cache", "cart-read", "postgresReadsPer1000Requests") <= 100, "redis-cache reads carts from Redis once each is cached");
        Assert.True(Figure("read-replica", "cart-read", "postgresReadsPer1000Requests") <= 100, "read-replica reads carts from the replica, not the primary");
        Assert.True(Figure("jwt", "session", "redisCommandsPerRequest") < 0.5, "a plain JWT check asks nobody");
        // Counters and responses are read at the same two moments, so a window's edges can shift a few statements.
        Assert.True(Figure("grains-http", "cart-write", "postgresWritesPerRequest") >= 0.9, "a durable write reaches PostgreSQL");

        var grainsRevocation = designs["grains-http"].GetProperty("revocation");
        var jwtRevocation = designs["jwt"].GetProperty("revocation");
        Assert.Equal(grainsRevocation.GetProperty("samples").GetInt32(), grainsRevocation.GetProperty("refusedEverywhere").GetInt32());
        Assert.Equal(0, grainsRevocation.GetProperty("maxLagMs").GetDouble());
        Assert.Equal(0, jwtRevocation.GetProperty("refusedEverywhere").GetInt32());

        Assert.Equal(Environment.ProcessorCount, report.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal(12, report.GetProperty("goals").GetArrayLength());
        // Every goal measured but the one that needs the open loop (--direct's run below has it).
        Assert.Equal(
            ["cart read: p99 ≤ 0.7× redis-cache at 50 % offered load (open loop)"],
            report.GetProperty("goals").EnumerateArray().Where(g => !g.TryGetProperty("met", out var met) || met.ValueKind == JsonValueKind.Null).Select(g => g.GetProperty("goal").GetString()));

        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "report.md"));
        Assert.Contains("| | `grains-http` | `grains-orleans` | `grains-orleans-plaintext` | `redis-session` | `redis-cache` | `jwt` | `jwt-denylist` | `read-replica` | `noop` |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Goals", markdown, StringComparison.Ordinal);
        using (JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json"))))
        {
        }

        foreach (var chart in new[] { "throughput.png", "latency-p99.png", "cpu-per-1000.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, chart));
            Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', chart);
        }

        Assert.False(File.Exists(Path.Combine(_home, "bench-cluster", "cluster.json")), "the bench cluster is stopped and purged after a successful run");
    }

    [Fact]
    public async Task QuickBench_Direct_TheServersAnswerEverything_NoEdgeCache()
    {
        var run = await new Cli(_home, Path.Combine(_home, "profile.json"), TimeSpan.FromMinutes(4)).RunAsync(
            "bench", "--quick", "--direct", "--designs", "grains-http", "--workloads", "cart-read,catalog", "--staleness", "0s", "--revocations", "0", "--open-loop", "50", "--json", "--out", Path.Combine(_home, "direct"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = run.Json.GetProperty("result");
        Assert.True(report.GetProperty("settings").GetProperty("direct").GetBoolean());
        foreach (var design in report.GetProperty("designs").EnumerateArray())
        {
            var name = design.GetProperty("design").GetString();
            var workloads = design.GetProperty("workloads").EnumerateArray().ToDictionary(w => w.GetProperty("workload").GetString()!);
            Assert.All(workloads.Values, w => Assert.True(w.GetProperty("requests").GetInt64() > 0 && w.GetProperty("errors").GetInt64() == 0, $"{name}: {w}"));
            Assert.Equal(0, workloads["catalog"].GetProperty("edgeCacheHitShare").GetDouble());

            // The open loop: cart reads at 50 % of the closed loop's rate, every one served, measured from its intended send time.
            var open = Assert.Single(design.GetProperty("openLoop").EnumerateArray());
            Assert.Equal(("cart-read", 50), (open.GetProperty("workload").GetString(), open.GetProperty("percent").GetInt32()));
            Assert.True(open.GetProperty("requests").GetInt64() > 0 && open.GetProperty("errors").GetInt64() == 0, $"{name} open loop: {open}");
            Assert.True(open.GetProperty("latency").GetProperty("p999").GetDouble() >= open.GetProperty("latency").GetProperty("p99").GetDouble(), $"{name} open loop: {open}");
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(_home, "direct", "report.md"));
        Assert.Contains("at fixed offered load (open loop)", markdown, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}

/// <summary>The bench starts a cluster of its own; it runs alone, like every collection.</summary>
[CollectionDefinition(Name)]
public sealed class BenchCollection
{
    public const string Name = "bench";
}
