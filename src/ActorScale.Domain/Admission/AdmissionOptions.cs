using System.ComponentModel.DataAnnotations;

namespace ActorScale.Domain.Admission;

/// <summary>
/// How much work a server admits before it refuses with <c>TooManyRequests</c>; bound from <c>ActorScale:Limits</c>.
/// The defaults keep an honest user's login answered while other addresses flood registrations: each address gets a
/// small share of the credential routes, and password hashing never takes more than the cores.
/// </summary>
public sealed class AdmissionOptions
{
    public const string Section = "ActorScale:Limits";

    /// <summary>Password hashes (PBKDF2) run at once in this process; 0 means one per core. None wait: the next is refused. Default 0.</summary>
    [Range(0, 1024)]
    public int MaxConcurrentHashes { get; set; }

    /// <summary>The <c>Retry-After</c> of a refusal by a full hashing gate: about one hash's time. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan HashingBusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a login or registration may wait for a free hashing slot before it is refused (behind at most
    /// <see cref="WaitingPerHashSlot"/> others per slot); 0 refuses at once. Default 500 ms: a hash takes about 0.2 s, so
    /// a login that finds its slot taken waits one or two hashes instead of being refused for the whole second of
    /// Retry-After. Measured (README, Security): with nginx's per-address limit keeping a flood's hashes to a share of the
    /// cores, the honest login p99 under a flood was 1.8 s (the goal is 1 s); without that limit in front, the wait let
    /// the flood's hashes queue too and the cart-read p99 rose tenfold.
    /// </summary>
    public TimeSpan HashSlotWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Logins and registrations that may wait for a slot at once, per hashing slot; beyond that they are refused at once. Default 4.</summary>
    [Range(0, 1000)]
    public int WaitingPerHashSlot { get; set; } = 4;

    /// <summary>Failed logins of one user from one address that are answered at once; each further one makes that address wait. Default 5.</summary>
    [Range(1, 1000)]
    public int LoginFreeFailures { get; set; } = 5;

    /// <summary>The wait after the first failure past <see cref="LoginFreeFailures"/>; it doubles with each further failure. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan LoginBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between failed logins from one address. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan LoginMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An address whose last failed login is older than this starts afresh. Default 15 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LoginFailureMemory { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>(address, user) pairs with failed logins remembered by one server (a silo or a baseline server); the oldest is forgotten first. Default 10 000.</summary>
    [Range(1, 10_000_000)]
    public int LoginPairsPerServer { get; set; } = 10_000;

    /// <summary><c>POST /api/users</c> and <c>POST /api/sessions</c> from one client address at once, after a pause. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int CredentialsBurstPerAddress { get; set; } = 20;

    /// <summary>Sustained <c>POST /api/users</c> and <c>POST /api/sessions</c> per second from one client address. Default 1.</summary>
    [Range(1, 1_000_000)]
    public int CredentialsPerSecondPerAddress { get; set; } = 1;

    /// <summary>Other <c>/api</c> requests from one client address at once, after a pause. Default 400.</summary>
    [Range(1, 1_000_000)]
    public int ApiBurstPerAddress { get; set; } = 400;

    /// <summary>Sustained other <c>/api</c> requests per second from one client address. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int ApiPerSecondPerAddress { get; set; } = 200;

    /// <summary><c>/api</c> requests with a bearer token of one user (the token's claim) at once, after a pause. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int ApiBurstPerUser { get; set; } = 100;

    /// <summary>Sustained <c>/api</c> requests per second with a bearer token of one user. Default 50.</summary>
    [Range(1, 1_000_000)]
    public int ApiPerSecondPerUser { get; set; } = 50;

    /// <summary>Calls to one user's grain through the Orleans gateway (a client, not HTTP) at once, after a pause. Default 100.</summary>
    [Range(1, 1_000_000)]
    public int GatewayBurstPerUser { get; set; } = 100;

    /// <summary>Sustained calls per second to one user's grain through the Orleans gateway. Default 50.</summary>
    [Range(1, 1_000_000)]
    public int GatewayPerSecondPerUser { get; set; } = 50;

    /// <summary>
    /// Comma-separated addresses of reverse proxies whose <c>X-Forwarded-For</c> is believed; from any other peer the
    /// header is ignored and the peer is the client. Default <c>127.0.0.1,::1</c> (the local nginx of <c>cluster up --lb</c>).
    /// </summary>
    public string KnownProxies { get; set; } = "127.0.0.1,::1";

    /// <summary>Comma-separated networks (CIDR, e.g. <c>172.18.0.0/16</c>) of trusted reverse proxies. Default none.</summary>
    public string KnownNetworks { get; set; } = "";

    /// <summary>
    /// Comma-separated client addresses that no HTTP rate limit applies to: the operator's own load generators. Default
    /// none; the local launcher sets <c>127.0.0.1</c>, where <c>bench</c>, <c>seed</c> and the console run (chaos's virtual users
    /// and its flood come from other loopback addresses and are limited like anyone).
    /// </summary>
    public string ExemptAddresses { get; set; } = "";

    /// <summary>The hashes that may run at once: <see cref="MaxConcurrentHashes"/>, or the core count for 0.</summary>
    public int HashPermits => MaxConcurrentHashes > 0 ? MaxConcurrentHashes : Environment.ProcessorCount;
}
