namespace ActorScale.Lab.Cluster;

/// <summary>Faults for chaos runs: freeze and thaw a silo, pause Redis, restart it empty, stop and start PostgreSQL.</summary>
public sealed partial class LocalCluster
{
    /// <summary>SIGSTOP: the silo hangs with its connections open, like a partitioned or stalled machine.</summary>
    public async Task<SiloRecord> FreezeSiloAsync(string name)
    {
        var silo = Find(await RequireRunningAsync(), name);
        NativeProcess.Signal(silo.Pid, NativeProcess.SigStop);
        return silo;
    }

    public static void Thaw(SiloRecord silo) => NativeProcess.Signal(silo.Pid, NativeProcess.SigCont);

    public async Task PauseRedisAsync(bool paused)
    {
        var state = await RequireRunningAsync();
        NativeProcess.Signal(state.RedisPid, paused ? NativeProcess.SigStop : NativeProcess.SigCont);
    }

    /// <summary>Kills Redis and starts an empty one on the same port with the same users: the membership table is gone.</summary>
    public async Task RestartRedisEmptyAsync()
    {
        var state = await RequireRunningAsync();
        NativeProcess.Signal(state.RedisPid, NativeProcess.SigKill);
        await NativeProcess.WaitForExitAsync(state.RedisPid, RedisServer.Program, TimeSpan.FromSeconds(10));
        RedisServer.ForgetData(home);
        var pid = await RedisServer.StartAsync(home, state.RedisPort, state.ServiceId, state.ClusterId);
        Update(current => current with { RedisPid = pid });
    }

    /// <summary>Kills Redis and starts it again on its data: the append-only file brings the membership table back.</summary>
    public async Task RestartRedisAsync()
    {
        var state = await RequireRunningAsync();
        NativeProcess.Signal(state.RedisPid, NativeProcess.SigKill);
        await NativeProcess.WaitForExitAsync(state.RedisPid, RedisServer.Program, TimeSpan.FromSeconds(10));
        var pid = await RedisServer.StartAsync(home, state.RedisPort, state.ServiceId, state.ClusterId);
        Update(current => current with { RedisPid = pid });
    }

    /// <summary>Fast shutdown of PostgreSQL (by PID); the data stays. The cluster record keeps its port for <see cref="StartPostgresAsync"/>.</summary>
    public async Task StopPostgresAsync()
    {
        var state = home.TryLoadState() ?? throw new InvalidOperationException("no cluster is recorded");
        await PostgresServer.StopAsync(state);
    }

    public async Task StartPostgresAsync()
    {
        var state = home.TryLoadState() ?? throw new InvalidOperationException("no cluster is recorded");
        var pid = await PostgresServer.StartAsync(state.PostgresDataDir, state.PostgresPort, SetupLog);
        Update(current => current with { PostgresPid = pid });
    }
}
