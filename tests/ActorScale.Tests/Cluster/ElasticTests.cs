using ActorScale.Lab;
using ActorScale.Lab.Chaos;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;
using Npgsql;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Changing the cluster under load, with the chaos ledger as the judge: graceful drains, and a rolling upgrade onto a
/// build whose cart state has a member the running build does not know (published from a copy of this checkout).
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class ElasticTests(RealClusterFixture cluster)
{
    private const string NewMember = "\"shippedBy\":\"roll-test\"";

    [Fact]
    public async Task DrainsUnderHttpLoad_EveryOperationSucceeds_LedgerClean_NoBalancerReload_NoConnectionFailure()
    {
        var state = await cluster.BalancerAsync();
        var ports = cluster.RunningSilos().Select(s => s.HttpPort).Order().ToList();
        await Eventually.ReturnsAsync("nginx's upstream equal to the running silos (an earlier test may have changed them)", () => Task.FromResult(NginxServer.UpstreamPorts(cluster.Home).Order().ToList()), p => p.SequenceEqual(ports), BalancerWatch.GoneFor + TimeSpan.FromSeconds(5));
        var workers = NativeProcess.ChildrenOf(state.LbPid).Order().ToList();
        var settings = new ChaosSettings { Duration = TimeSpan.FromSeconds(45), Users = 12, KillEvery = TimeSpan.FromSeconds(14), Mode = FaultMode.Drain, ViaHttp = true, Seed = 11 };

        var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, Path.Combine(cluster.Home.Root, "chaos-drain"), CancellationToken.None);
        cluster.Refresh();

        Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
        Assert.Equal(1.0, report.SuccessAfterRetryRate);
        Assert.True(report.Changes.Count(c => c.Kind == "drain") >= 2, $"{report.Changes.Count} drains");
        Assert.True(report.OperationsByOutcome["Ok"] > 500, $"{report.OperationsByOutcome["Ok"]} operations");

        // The drained silo closed its port and stayed in nginx's list, so nginx was never reloaded (a reload closes idle
        // client connections, and a request sent on one fails): the same workers, and no attempt failed for the drain.
        // The password gate's refusals (TooManyRequests) come and go with the logins, drain or not.
        Assert.Equal(workers, NativeProcess.ChildrenOf(state.LbPid).Order().ToList());
        var causes = report.Changes.Where(c => c.Kind == "drain").SelectMany(c => c.FailedAttemptCauses ?? new Dictionary<string, long>()).Select(c => c.Key).Distinct().ToList();
        Assert.True(causes.All(c => c.EndsWith(": TooManyRequests", StringComparison.Ordinal)), $"failed attempts during the drains: {string.Join(", ", causes)}");
    }

    [Fact]
    public async Task RollOntoABuildWithANewCartMember_UnderHttpLoad_LedgerClean_NoSiloFailsToReadTheOther()
    {
        await cluster.BalancerAsync();
        var source = CopyCheckoutWithNewCartMember();
        var settings = new ChaosSettings
        {
            Duration = TimeSpan.FromSeconds(50),
            Users = 12,
            KillEvery = TimeSpan.FromSeconds(8),
            Mode = FaultMode.Roll,
            ViaHttp = true,
            Seed = 12,
            RollBuild = true,
            RollSource = source,
        };

        try
        {
            var report = await ChaosRun.RunAndSaveAsync(cluster.Launcher, LabOutput.Null, settings, cluster.Client, Path.Combine(cluster.Home.Root, "chaos-roll"), CancellationToken.None);
            var state = cluster.Refresh();

            Assert.True(report.Check.Passed, string.Join("\n", report.Check.Violations));
            Assert.Equal(1.0, report.SuccessAfterRetryRate);
            Assert.Single(report.Changes, c => c.Kind == "roll");
            Assert.StartsWith(Path.Combine(cluster.Home.Root, "releases"), state.SiloProgram, StringComparison.Ordinal);
            Assert.True(await CartsWithTheNewMemberAsync() > 0, "the new build wrote its member into stored carts");
            foreach (var silo in state.Silos)
            {
                Assert.DoesNotContain("JsonException", await File.ReadAllTextAsync(silo.LogFile), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>This checkout's sources in a temporary folder, with one cart member more, written by every change.</summary>
    private static string CopyCheckoutWithNewCartMember()
    {
        var root = SiloRelease.SourceRoot();
        var copy = Path.Combine(Path.GetTempPath(), $"actorscale-roll-{Guid.NewGuid():N}"[..24]);
        foreach (var folder in new[] { "src", "silo-config" })
        {
            CopyFolder(Path.Combine(root, folder), Path.Combine(copy, folder));
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        var cartState = Path.Combine(copy, "src", "ActorScale.Domain", "Carts", "CartState.cs");
        const string anchor = "    public int Version { get; set; }\n";
        var code = File.ReadAllText(cartState);
        Assert.Contains(anchor, code, StringComparison.Ordinal);
        File.WriteAllText(cartState, code.Replace(anchor, anchor + "\n    /// <summary>A member only the new build knows.</summary>\n    public string ShippedBy { get; set; } = \"roll-test\";\n", StringComparison.Ordinal));
        return copy;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<long> CartsWithTheNewMemberAsync()
    {
        await using var db = new NpgsqlConnection(cluster.Launcher.AppConnectionString(cluster.Refresh()) + ";Pooling=false");
        await db.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM orleans.grain_state WHERE strpos(convert_from(payload, 'UTF8'), @member) > 0", db);
        query.Parameters.AddWithValue("member", NewMember);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
