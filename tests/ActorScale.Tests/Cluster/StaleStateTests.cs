using ActorScale.Lab;
using ActorScale.Lab.Cluster;

namespace ActorScale.Tests.Cluster;

/// <summary>The launcher's bookkeeping after a crashed run, without starting anything.</summary>
public sealed class StaleStateTests : IDisposable
{
    private readonly ClusterHome _home = new(Path.Combine(Path.GetTempPath(), $"actorscale-stale-{Guid.NewGuid():N}"));

    [Fact]
    public async Task StaleState_FromACrashedRun_IsDetectedAndCleaned()
    {
        // PIDs that cannot belong to our programs: this test process (not a silo) and PID 1.
        _home.SaveState(new ClusterState
        {
            RedisPid = Environment.ProcessId,
            PostgresPid = 1,
            PostgresDataDir = Path.Combine(_home.Root, "nowhere"),
            Silos = [new SiloRecord("silo-1", 1, 2, Environment.ProcessId, "log")],
        });
        var cluster = new LocalCluster(_home, LabOutput.Null);

        var running = await cluster.FindRunningAsync();

        // Had the cleanup signalled a PID that does not run our program, this test process would be dead by now.
        Assert.Null(running);
        Assert.False(File.Exists(_home.StateFile));
    }

    public void Dispose()
    {
        if (Directory.Exists(_home.Root))
        {
            Directory.Delete(_home.Root, recursive: true);
        }
    }
}
