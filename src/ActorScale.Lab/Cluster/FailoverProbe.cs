using System.Diagnostics;
using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;
using ActorScale.Lab.Connection;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// The recovery measure shared by <c>cluster measure</c> and <c>chaos</c>: a probe user whose grain lives on a chosen
/// silo, and the time from that silo's death to the first successful call on the grain (retried every
/// <see cref="AttemptTimeout"/>: a call already routed to a dead silo is lost, not refused).
/// </summary>
public sealed class FailoverProbe(IClusterClient client)
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private const string Password = "probe-password-1";

    /// <summary>Registers fresh users until one's grain activates on <paramref name="silo"/> (placement is the runtime's).</summary>
    public async Task<(ICartGrain Cart, string Token)> PlaceOnAsync(string silo, CancellationToken cancellationToken)
    {
        // A silo that just (re)joined gets new activations only once placement has its load statistics: keep trying.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = 1; DateTime.UtcNow < deadline; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attempt % 20 == 0)
            {
                await Task.Delay(500, cancellationToken);
            }

            var user = $"probe-{Guid.NewGuid():N}"[..20];
            var grain = client.GetGrain<IUserSessionGrain>(UserKey.For(user));
            if ((await Retry.RunAsync(async _ => await grain.LocateAsync(), cancellationToken)).SiloName != silo)
            {
                continue;
            }

            var (registerId, addId) = (Guid.NewGuid(), Guid.NewGuid());
            await Retry.RunAsync(async _ => await Ok(grain.RegisterAsync(Password, registerId)), cancellationToken);
            var token = (await Retry.RunAsync(async _ => await grain.LoginAsync(Password), cancellationToken)).Token;
            var cart = client.GetGrain<ICartGrain>(UserKey.For(user));
            await Retry.RunAsync(async _ => await cart.AddAsync(token, addId, "mug-actor", 1), cancellationToken);
            return (cart, token);
        }

        throw new InvalidOperationException($"no new grain was placed on {silo} within 60 s");
    }

    private static async Task<bool> Ok(Task call)
    {
        await call;
        return true;
    }

    /// <summary>Calls the probe grain until it answers; returns the seconds since <paramref name="since"/> and the failed attempts.</summary>
    public static async Task<(double Seconds, int Failures)> UntilServedAsync(ICartGrain cart, string token, Stopwatch since, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await cart.GetAsync(token).WaitAsync(AttemptTimeout, cancellationToken);
                return (since.Elapsed.TotalSeconds, failures);
            }
            catch (Exception) when (since.Elapsed < TimeSpan.FromSeconds(120) && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                await Task.Delay(10, cancellationToken);
            }
        }
    }
}
