using ActorScale.Lab;
using ActorScale.Lab.Bench;

namespace ActorScale.Tests.Lab.Bench;

/// <summary>The pure parts of <c>actorscale bench</c>: counter parsing, statement kinds, ratios, goals and the report's shape.</summary>
public sealed class BenchTests
{
    [Fact]
    public void RedisCommandStats_ParsesCallsPerCommand_AndLeavesOutTheBenchsOwnInfo()
    {
        const string before = "# Commandstats\r\ncmdstat_hgetall:calls=10,usec=50,usec_per_call=5.00,rejected_calls=0,failed_calls=0\r\ncmdstat_info:calls=3,usec=9\r\n";
        const string after = "# Commandstats\r\ncmdstat_hgetall:calls=25,usec=90\r\ncmdstat_expire:calls=4,usec=8\r\ncmdstat_info:calls=9,usec=20\r\n";

        var parsed = RedisCommandStats.Parse(after);

        Assert.Equal(25, parsed["hgetall"]);
        Assert.Equal(4, parsed["expire"]);
        Assert.Equal(15 + 4, RedisCommandStats.Delta(RedisCommandStats.Parse(before), parsed));
    }

    [Theory]
    [InlineData("SELECT version, lines FROM baseline.carts WHERE user_id = $1", StatementKind.Read)]
    [InlineData("SELECT c.version FROM baseline.carts c WHERE c.user_id = $1 FOR UPDATE OF c", StatementKind.Read)]
    [InlineData("WITH updated AS (UPDATE orleans.grain_state SET version = version + $1 RETURNING version) SELECT version FROM updated", StatementKind.Write)]
    [InlineData("INSERT INTO baseline.operations (user_id) VALUES ($1)", StatementKind.Write)]
    [InlineData("-- a comment\nDELETE FROM t WHERE id = $1", StatementKind.Write)]
    [InlineData("BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED", StatementKind.Control)]
    [InlineData("COMMIT", StatementKind.Control)]
    [InlineData("/* why */ select 1", StatementKind.Read)]
    public void PostgresStatements_AreClassifiedByWhatTheyDo(string query, StatementKind kind) =>
        Assert.Equal(kind, PostgresStatementStats.Classify(query));

    [Fact]
    public void PostgresStatements_DeltaCountsCallsPerKind_NewStatementsFromZero()
    {
        var before = new Dictionary<long, (string, long)> { [1] = ("SELECT 1", 10), [2] = ("UPDATE t SET a = 1", 5) };
        var after = new Dictionary<long, (string, long)> { [1] = ("SELECT 1", 30), [2] = ("UPDATE t SET a = 1", 6), [3] = ("COMMIT", 2) };

        var delta = PostgresStatementStats.Delta(before, after);
        var top = PostgresStatementStats.Top(before, after, requests: 10);

        Assert.Equal(new StatementCounts(20, 1, 2), delta);
        Assert.Equal(23, delta.Total);
        Assert.Equal(("SELECT 1", 2.0), (top[0].Query, top[0].PerRequest));
        Assert.Equal(3, top.Count);
    }

    [Fact]
    public void ProcessStat_ReadsParentAndCpuTicks_EvenWithSpacesAndParenthesesInTheName()
    {
        const string stat = "4242 (postgres: app (x)) S 100 4242 4242 0 -1 4194560 500 0 0 0 120 30 7 3 20 0 1 0 900 1000 200";

        var parsed = ProcessCpu.ParseStat(stat);

        Assert.Equal((100, 150L, 10L), parsed);
    }

    [Theory]
    [InlineData(null, "grains-http,grains-orleans,grains-orleans-plaintext,redis-session,redis-cache,jwt,jwt-denylist,read-replica,noop")]
    [InlineData("jwt,grains-http", "grains-http,jwt")]
    [InlineData("redis-session jwt", "redis-session,jwt")]
    public void DesignNames_KeepTheRunOrder_AllWhenNoneGiven(string? given, string expected) =>
        Assert.Equal(expected, string.Join(',', BenchNames.Parse(given?.Split(' '), BenchDesigns.All, "design")));

    [Fact]
    public void UnknownDesign_IsAUsageErrorNamingTheKnownOnes()
    {
        var error = Assert.Throws<UsageException>(() => BenchNames.Parse(["grains-http,memcached"], BenchDesigns.All, "design"));

        Assert.Contains("'memcached'", error.Message, StringComparison.Ordinal);
        Assert.Contains("jwt-denylist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mix_IsEightyPercentReads()
    {
        var random = new Random(7);
        var picks = Enumerable.Range(0, 10_000).Select(_ => BenchWorkloads.Pick(BenchWorkloads.Mix, random)).ToList();

        var writes = picks.Count(p => p == BenchRequest.CartWrite) / 10_000.0;

        Assert.InRange(writes, 0.18, 0.22);
        Assert.InRange(picks.Count(p => p == BenchRequest.Session) / 10_000.0, 0.37, 0.43);
    }

    [Fact]
    public void RevocationSummary_SaysZeroNeverOrTheLag()
    {
        Assert.StartsWith("0 ms", new RevocationResult(5, 2, 5, 0, 0, 5).Summary, StringComparison.Ordinal);
        Assert.StartsWith("never within 5 s", new RevocationResult(5, 2, 0, null, null, 5).Summary, StringComparison.Ordinal);
        Assert.StartsWith("median 12 ms, max 40 ms", new RevocationResult(5, 2, 5, 12, 40, 5).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Goals_MetAndMissed_AgainstTheStrongestStatelessDesignForEachMeasure()
    {
        var report = Report(grainsSession: 1.2, grainsCartRead: 3.0, grainsReadsPer1000: 0, grainsWrite: 0.9, jwtRevoked: 0);

        var goals = BenchGoals.Evaluate(report).ToDictionary(g => g.Goal);

        // redis-cache serves cart reads at 1 500/s and writes at 1 000/s; redis-session and jwt sessions at 1 000/s; the floor 4 000/s.
        Assert.True(goals["cart read: throughput ≥ 1.5× redis-cache"].Met);
        Assert.Equal("2.00×", goals["cart read: throughput ≥ 1.5× redis-cache"].Measured);
        Assert.False(goals["cart read: throughput ≥ 0.9× the floor (noop)"].Met);
        Assert.False(goals["session check: throughput ≥ 1.5× redis-session (behind nginx)"].Met);
        Assert.True(goals["session check: throughput ≥ 0.85× jwt (no store either)"].Met);
        Assert.False(goals["durable cart write: throughput ≥ 1.0× redis-cache"].Met);
        Assert.True(goals["cart read: ≤ 10 PostgreSQL reads per 1 000 requests"].Met);
        Assert.True(goals["revocation lag: 0 for grains, > 0 for jwt"].Met);
        Assert.True(goals["read-your-writes violations: 0 for grains (every design's rate measured)"].Met);
        Assert.Equal("grains-http 0/500, redis-cache 2/400", goals["read-your-writes violations: 0 for grains (every design's rate measured)"].Measured);
        Assert.True(goals["cart read: p99 ≤ 0.7× redis-cache at 50 % offered load (open loop)"].Met);
        Assert.Null(goals["mutual TLS: grains-orleans throughput ≥ 0.85× without TLS (every workload)"].Met);
    }

    [Fact]
    public void Goals_Direct_SayWhichRegimeTheSessionCheckWasMeasuredIn()
    {
        var report = Report(1.6, 3, 0, 1, 0);
        report = report with { Settings = report.Settings with { Direct = true } };

        Assert.Contains(BenchGoals.Evaluate(report), g => g.Goal == "session check: throughput ≥ 1.5× redis-session (--direct)" && g.Met == true);
    }

    [Fact]
    public void Goals_WithoutTheDesigns_AreNotMeasuredRatherThanMissed()
    {
        var report = Report(1, 1, 0, 1, 0) with { Designs = [] };

        Assert.All(BenchGoals.Evaluate(report), g => Assert.Null(g.Met));
    }

    [Fact]
    public void Markdown_HasAColumnPerDesign_WithRatiosTheFloorTheOpenLoopAndTheGoals()
    {
        var report = Report(grainsSession: 1.5, grainsCartRead: 6, grainsReadsPer1000: 0, grainsWrite: 0.9, jwtRevoked: 0);
        report = report with { Goals = BenchGoals.Evaluate(report) };

        var markdown = BenchMarkdown.Render(report, "actorscale bench");

        Assert.Contains("| | `grains-http` | `redis-session` | `redis-cache` | `jwt` | `noop` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Session check: requests/s | 1500 (1.50×) | 1000 (1.00×) | 1000 (1.00×) | 1000 (1.00×) | 4000 (4.00×) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Cart read: share of the floor (`noop`'s requests/s) | 1.50× |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Revocation lag (revoke-all acknowledged → refused by every server) | 0 ms", markdown, StringComparison.Ordinal);
        Assert.Contains("| Read-your-writes violations (reads missing a write acknowledged before they were sent, under concurrent writers) | 0 of 500 reads", markdown, StringComparison.Ordinal);
        Assert.Contains("| cart read: throughput ≥ 1.5× redis-cache | 4.00× | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("## cart read (GET /api/cart) at fixed offered load (open loop)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Design | 50 % (500 req/s) | errors | generator lateness p99 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `grains-http` | 1.00 / 2.00 / 3.00 (0.50×) | 0 | 0.50 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Command: `actorscale bench`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleReport_ATableOfThroughputAgainstServers_WithTheRatioToTheFirstCount()
    {
        var one = Report(1.2, 3, 0, 1, 0);
        var two = one with
        {
            Settings = one.Settings with { Servers = 2 },
            Designs = [.. one.Designs.Select(d => d with { Workloads = [.. d.Workloads.Select(w => w with { Throughput = w.Throughput * 1.5 })] })],
        };
        one = one with { Settings = one.Settings with { Servers = 1 } };

        var markdown = ScaleReportFiles.Render(new ScaleReport { Machine = one.Machine, Runs = [one, two] });

        Assert.Contains("| Design | Workload | 1 server | 2 servers |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `grains-http` | cart-read | 3000 (1.00×) | 4500 (1.50×) |", markdown, StringComparison.Ordinal);
        Assert.Contains("these 2 cores", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// A doctored report: redis-session and jwt at 1 000 req/s everywhere, redis-cache reading carts at 1 500/s, the floor
    /// at 4 000/s, grains-http at the given ratios to redis-session; grains read their writes, redis-cache 2 times in 400 did not.
    /// </summary>
    private static BenchReport Report(double grainsSession, double grainsCartRead, double grainsReadsPer1000, double grainsWrite, int jwtRevoked)
    {
        WorkloadResult Workload(string name, double ratio, double reads = 1000) => new()
        {
            Workload = name,
            Requests = (long)(1000 * ratio * 10),
            Seconds = 10,
            Throughput = 1000 * ratio,
            Latency = new Latency(1, 2, 3 / ratio, 10),
            PostgresReadsPer1000Requests = reads,
            CpuSecondsPer1000Requests = 1 / ratio,
            ThroughputVsRedisSession = ratio,
            P99VsRedisSession = 1 / ratio,
            ThroughputVsFloor = ratio / 4,
        };

        OpenLoopResult Open(double p99) => new(BenchWorkloads.CartRead, 50, 500, 5000, 0, 500, new Latency(1, 1.5, p99, 5) { P999 = 3 }, new Latency(0.1, 0.2, 0.5, 1), []) { P99VsRedisCache = p99 / 4 };

        DesignResult Design(string name, double session, double read, double reads, double write, RevocationResult revocation) => new(
            name, name, 2, 100, revocation,
            [Workload(BenchWorkloads.Session, session), Workload(BenchWorkloads.CartRead, read, reads), Workload(BenchWorkloads.CartWrite, write)]);

        var revoked = new RevocationResult(3, 2, 3, 0, 0, 5);
        return new BenchReport
        {
            Machine = new MachineInfo(2, 24, "cpu", "os", ".NET", "10", "7", "15", "1.22"),
            Settings = new BenchSettings { OpenLoopPercents = [50] },
            Designs =
            [
                Design(BenchDesigns.GrainsHttp, grainsSession, grainsCartRead, grainsReadsPer1000, grainsWrite, revoked) with
                {
                    Staleness = new StalenessResult(16, 10, 300, 500, 0, null, null, 0),
                    OpenLoop = [Open(2)],
                },
                Design(BenchDesigns.RedisSession, 1, 1, 1000, 1, revoked),
                Design(BenchDesigns.RedisCache, 1, 1.5, 0, 1, revoked) with
                {
                    Staleness = new StalenessResult(16, 10, 300, 400, 2, 1.5, 3, 0),
                    OpenLoop = [Open(4)],
                },
                Design(BenchDesigns.Jwt, 1, 1, 1000, 1, new RevocationResult(3, 2, jwtRevoked, null, null, 5)),
                Design(BenchDesigns.Noop, 4, 4, 0, 4, new RevocationResult(0, 2, 0, null, null, 5)),
            ],
        };
    }
}
