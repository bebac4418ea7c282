using System.Collections.Concurrent;
using System.Reflection;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Sessions;

namespace ActorScale.Grains.Users;

/// <summary>
/// The user grain's admission control, in memory only: failed logins throttled per (user, client address) in the silo's
/// <see cref="LoginThrottle"/> (it outlives the activation: the grain of an unknown user deactivates after every call,
/// and a throttle kept in the grain would forget each failure), and a token bucket on logins and mutations that arrive
/// through the Orleans gateway (a client), which no HTTP rate limit sees.
/// </summary>
public sealed partial class UserGrain
{
    /// <summary>The throttle key of logins that came through the gateway, where no client address is known.</summary>
    private const string GatewayCaller = "gateway";

    private static readonly ConcurrentDictionary<MethodInfo, bool> Counted = new();

    private TokenBucket? _gatewayCalls;

    /// <summary>
    /// Refuses a gateway login or mutation beyond this user's bucket. HTTP calls are marked with their front door and
    /// limited by the HTTP rate limiter instead; reads are not counted.
    /// </summary>
    private void AdmitGatewayCall(MethodInfo method)
    {
        if (FrontDoor.Current is not null || !Counted.GetOrAdd(method, IsLoginOrMutation))
        {
            return;
        }

        var limits = services.Admission.Value;
        _gatewayCalls ??= new TokenBucket(limits.GatewayBurstPerUser, limits.GatewayPerSecondPerUser, Now);
        if (!_gatewayCalls.TryTake(Now, out var wait))
        {
            throw AdmissionErrors.TooManyRequests(wait);
        }
    }

    /// <summary>Checks the password with the caller's address throttled; throws the refusal, changes no stored state.</summary>
    private async Task CheckPasswordAsync(string password, string? clientAddress)
    {
        var caller = $"{UserId} {clientAddress ?? GatewayCaller}";
        services.LoginFailures.ThrowIfWaiting(caller, Now);
        if (!await Sessions.CheckPasswordAsync(session.State, password))
        {
            services.LoginFailures.Failed(caller, Now);
            throw SessionErrors.InvalidCredentials();
        }

        services.LoginFailures.Succeeded(caller);
    }

    // Every mutation carries an operation id; logins are the other call that costs a hash.
    private static bool IsLoginOrMutation(MethodInfo method) =>
        method.Name == nameof(LoginAsync) || method.GetParameters().Any(p => p.ParameterType == typeof(Guid));
}
