using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ActorScale.Silo.Fencing;

/// <summary>
/// Renews every active peer's lease every <see cref="FencingOptions.RenewEvery"/> (each peer does the same for this
/// silo), echoing the stamp of the peer's last answer so the peer knows the round trip completed. A peer that does not
/// answer simply stops being renewed; nothing here decides anyone's fate.
/// </summary>
public sealed partial class LeaseRenewer(
    IClusterMembershipService membership, ILocalSiloDetails local, LeaseServiceClient services, SiloLease lease, IOptions<FencingOptions> fencing, ILogger<LeaseRenewer> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<SiloAddress, long> _echo = new();
    private readonly ConcurrentDictionary<SiloAddress, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!fencing.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(fencing.Value.RenewEvery);
        var wasHeld = true;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var self = local.SiloAddress;
            foreach (var peer in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(self)).Select(m => m.SiloAddress))
            {
                if (!_inFlight.TryGetValue(peer, out var running) || running.IsCompleted)
                {
                    _inFlight[peer] = RenewAsync(peer, self);
                }
            }

            lease.Recompute();
            var held = lease.IsHeld;
            if (held != wasHeld)
            {
                if (held)
                {
                    LogLeaseRegained();
                }
                else
                {
                    LogLeaseLost(lease.Lease.TotalMilliseconds, string.Join(", ", lease.SilentPeers()));
                }

                wasHeld = held;
            }
        }
    }

    // One call per peer at a time: a peer that does not answer gets no pile of calls, only the one that waits for it.
    private async Task RenewAsync(SiloAddress peer, SiloAddress self)
    {
        try
        {
            _echo[peer] = await services.At(peer).RenewAsync(self, _echo.GetValueOrDefault(peer));
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or OperationCanceledException)
        {
            // No answer: the peer's lease is not renewed by us, and ours by it, which is the point. The last stamp we
            // did receive stays the echo: confirming that old round trip later is still true, and it renews nothing.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease lost: peers silent for over {LeaseMs} ms: {Peers}. Refusing to serve until they reach this silo again or it is declared dead")]
    private partial void LogLeaseLost(double leaseMs, string peers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease regained: serving again")]
    private partial void LogLeaseRegained();
}
