using ActorScale.Abstractions;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace ActorScale.Grains.Users;

/// <summary>
/// What every <see cref="UserGrain"/> of a silo shares, in one object per silo: each activation keeps one reference to it
/// instead of a reference per service and a <see cref="SessionRules"/> of its own (about 120 bytes per activation).
/// </summary>
public sealed class UserGrainServices(
    IOptions<SessionOptions> sessionOptions,
    CartRules cartRules,
    IOptions<CartOptions> cartOptions,
    [FromKeyedServices(GrainTime.Key)] TimeProvider time,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    UserRouting routing,
    [FromKeyedServices(StateNames.Storage)] IGrainStorage grainStorage,
    TokenSigner tokens,
    PasswordGate passwords,
    IOptions<AdmissionOptions> admission,
    LoginThrottle loginFailures,
    ILogger<UserGrain> logger)
{
    public SessionRules Sessions { get; } = new(sessionOptions.Value, passwords);

    public int SessionOperationWindow { get; } = sessionOptions.Value.OperationWindow;

    public CartRules CartRules => cartRules;

    public IOptions<CartOptions> CartOptions => cartOptions;

    public TimeProvider Time => time;

    public ILocalSiloDetails Silo => silo;

    public IClusterMembershipService Membership => membership;

    public UserRouting Routing => routing;

    public IGrainStorage GrainStorage => grainStorage;

    public TokenSigner Tokens => tokens;

    public IOptions<AdmissionOptions> Admission => admission;

    public LoginThrottle LoginFailures => loginFailures;

    public ILogger Logger => logger;
}
