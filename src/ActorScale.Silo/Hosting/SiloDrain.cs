using ActorScale.Grains.Users;
using Microsoft.Extensions.Options;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// A graceful stop in the order a balancer needs: first this silo says it is not ready (so no new users are sent here),
/// then, while it still serves, the requests of its users arrive at other silos' front doors and each user's grain moves
/// there with its state in memory (<see cref="UserGrain"/> follows its user); once no request has reached this silo's
/// grains for <see cref="DrainOptions.Quiet"/> (or after <see cref="DrainOptions.MaxWait"/>), Orleans stops: it
/// deactivates what is left (idle users, whose state is already durable) and leaves the membership. Runs before any
/// service stops, so HTTP and the silo keep serving during the hand-over.
/// </summary>
public sealed partial class SiloDrain(UserRouting routing, IOptions<DrainOptions> options, TimeProvider time, ILogger<SiloDrain> logger) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>Null while serving normally, else why readiness says 503.</summary>
    public string? Problem => _draining ? "this silo is stopping: its users are moving to other silos" : null;

    /// <summary>Readiness says 503 from now on (a stop, or a restart in place, is coming).</summary>
    public void Begin() => _draining = true;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var started = time.GetTimestamp();
        var seen = routing.Local + routing.Forwarded;
        var quietSince = time.GetTimestamp();
        while (time.GetElapsedTime(started) < options.Value.MaxWait && time.GetElapsedTime(quietSince) < options.Value.Quiet && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, CancellationToken.None);
            var now = routing.Local + routing.Forwarded;
            if (now != seen)
            {
                (seen, quietSince) = (now, time.GetTimestamp());
            }
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        LogDrained(seconds, routing.Migrations);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained in {Seconds:0.0} s: {Migrations} grains moved to follow their users; stopping")]
    private partial void LogDrained(double seconds, long migrations);
}
