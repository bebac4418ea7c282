using ActorScale.Grains.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace ActorScale.Silo.Hosting;

/// <summary>
/// A graceful stop in the order a balancer needs, without the balancer having to change its configuration: first this
/// silo's HTTP port stops taking connections (the requests it holds finish), so nginx sends each new request of its
/// users to the next silo as it does for any refused connection, and a balancer reload (which closes clients' idle
/// keep-alive connections, some of them while a request is on its way) is not needed. Meanwhile the silo itself still
/// serves: its users' requests arrive at other silos' front doors and each user's grain moves there with its state in
/// memory (<see cref="UserGrain"/> follows its user); once no request has reached this silo's grains for
/// <see cref="DrainOptions.Quiet"/> (or after <see cref="DrainOptions.MaxWait"/>), Orleans stops: it deactivates what
/// is left (idle users, whose state is already durable) and leaves the membership. Runs before any service stops. The
/// HTTP server is optional: hosts without one (the test cluster) drain the same way.
/// </summary>
public sealed partial class SiloDrain(UserRouting routing, IOptions<DrainOptions> options, TimeProvider time, ILogger<SiloDrain> logger, IServer? server = null) : IHostedLifecycleService
{
    private volatile bool _draining;

    /// <summary>Null while serving normally, else why readiness says 503.</summary>
    public string? Problem => _draining ? "this silo is stopping: its users are moving to other silos" : null;

    /// <summary>
    /// Readiness says 503 from now on and the HTTP port refuses new connections; returns once the requests it held have
    /// finished (at most <see cref="DrainOptions.MaxWait"/>). A stop, or a restart in place, comes next.
    /// </summary>
    public async Task BeginAsync()
    {
        _draining = true;
        if (server is not null)
        {
            using var deadline = new CancellationTokenSource(options.Value.MaxWait, time);
            await server.StopAsync(deadline.Token);
            LogHttpClosed();
        }
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await BeginAsync();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: the HTTP port takes no new connections, the requests it held have finished")]
    private partial void LogHttpClosed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained in {Seconds:0.0} s: {Migrations} grains moved to follow their users; stopping")]
    private partial void LogDrained(double seconds, long migrations);
}
