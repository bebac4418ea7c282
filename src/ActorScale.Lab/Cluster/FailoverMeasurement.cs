using System.Diagnostics;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Carts;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Measures on a running local cluster: for each of N SIGKILLs, the time from the kill to the first successful call on
/// a grain that lived on the killed silo (the killed silo is restarted before the next round); silo RSS idle and under
/// load. What `actorscale cluster measure` prints.
/// </summary>
public sealed class FailoverMeasurement(LocalCluster cluster, ILabOutput output, IClusterClient client)
{
    private const string Password = "measure-password";


    public async Task<FailoverReport> RunAsync(int kills, TimeSpan load, int users, CancellationToken cancellationToken)
    {
        var state = await cluster.RequireRunningAsync();
        var probe = new FailoverProbe(client);
        var idle = Rss(state);
        var (underLoad, throughput) = await MeasureLoadAsync(state, load, users, cancellationToken);

        var rounds = new List<KillRound>();
        for (var i = 0; i < kills; i++)
        {
            state = await cluster.RequireRunningAsync();
            var running = state.Silos.Where(s => NativeProcess.IsRunning(s.Pid, SiloBinary.ProgramName)).ToList();
            var victim = running[i % running.Count];
            var (cart, token) = await probe.PlaceOnAsync(victim.Name, cancellationToken);

            NativeProcess.Signal(victim.Pid, NativeProcess.SigKill);
            var clock = Stopwatch.StartNew();
            var (seconds, failures) = await FailoverProbe.UntilServedAsync(cart, token, clock, cancellationToken);
            var recovery = TimeSpan.FromSeconds(seconds);
            var movedTo = (await cart.LocateAsync()).SiloName;
            rounds.Add(new KillRound(i + 1, victim.Name, recovery.TotalSeconds, failures, movedTo));
            output.Say($"[red]✝[/] kill {i + 1}: {victim.Name} (pid {victim.Pid}); first successful call after [bold]{recovery.TotalSeconds:0.000} s[/] ({failures} failed attempts), grain now on {movedTo}");
            await cluster.RestartSiloAsync(victim.Name, cancellationToken);
        }

        var sorted = rounds.Select(r => r.RecoverySeconds).Order().ToList();
        return new FailoverReport(
            rounds,
            sorted.Count == 0 ? 0 : Median(sorted),
            sorted.Count == 0 ? 0 : sorted[^1],
            idle,
            underLoad,
            throughput);
    }

    private async Task<(Dictionary<string, double> Rss, double OpsPerSecond)> MeasureLoadAsync(ClusterState state, TimeSpan duration, int users, CancellationToken cancellationToken)
    {
        // PBKDF2 at 600 000 iterations costs ~0.3 s of CPU per hash: sign the users up two at a time.
        using var gate = new SemaphoreSlim(2);
        var sessions = await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var user = $"load-{Guid.NewGuid():N}"[..18];
                var grain = client.GetGrain<IUserSessionGrain>(UserKey.For(user));
                await grain.RegisterAsync(Password, Guid.NewGuid());
                return (user, (await grain.LoginAsync(Password)).Token);
            }
            finally
            {
                gate.Release();
            }
        }));

        var peak = new Dictionary<string, double>();
        long operations = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var workers = sessions.Select(async session =>
        {
            var cart = client.GetGrain<ICartGrain>(UserKey.For(session.user));
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                if (i++ % 5 == 0)
                {
                    await cart.SetAsync(session.Item2, Guid.NewGuid(), "pen-gel.black", 1 + (i % 50));
                }
                else
                {
                    await cart.GetAsync(session.Item2);
                }

                Interlocked.Increment(ref operations);
            }
        }).ToList();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            foreach (var (name, rss) in Rss(state))
            {
                peak[name] = Math.Max(peak.GetValueOrDefault(name), rss);
            }

            await Task.Delay(250, CancellationToken.None);
        }

        await Task.WhenAll(workers);
        return (peak, operations / clock.Elapsed.TotalSeconds);
    }

    private static Dictionary<string, double> Rss(ClusterState state) =>
        state.Silos
            .Select(s => (s.Name, Rss: ProcessStats.RssMiB(s.Pid)))
            .Where(s => s.Rss is not null)
            .ToDictionary(s => s.Name, s => Math.Round(s.Rss!.Value, 1));

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
