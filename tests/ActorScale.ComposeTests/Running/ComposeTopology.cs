using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ActorScale.ComposeTests.Running;

/// <summary>
/// The compose topology, up for the tests of one class: the offline images built (or found), a project of its own
/// started with <c>up -d</c>, every silo ready and the one-shot demo client run to its end (alone, so that nothing a
/// test does competes with it); taken down with <c>down -v</c> afterwards, whatever the tests did. Where no Docker
/// engine answers it starts nothing, and the tests skip with <see cref="DockerEngine.Problem"/> as the reason.
/// </summary>
public sealed class ComposeTopology : IAsyncLifetime
{
    private static readonly TimeSpan Ready = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Demo = TimeSpan.FromMinutes(5);

    internal DockerEngine Engine { get; private set; } = new(null, "not probed");

    internal ComposeProject? Project { get; private set; }

    /// <summary>How long <c>docker/offline/build.sh</c> took: minutes on a fresh machine, about a second once built.</summary>
    public TimeSpan BuildTime { get; private set; }

    /// <summary>How long <c>up -d</c> took, from nothing to every service started (the silos healthy before the client).</summary>
    public TimeSpan UpTime { get; private set; }

    /// <summary>How the <c>client</c> service (<c>actorscale demo</c>) ended: <c>exited 0</c> when it succeeded.</summary>
    public string DemoEnd { get; private set; } = "";

    /// <summary>What the demo printed, stdout then stderr.</summary>
    public string DemoOutput { get; private set; } = "";

    /// <summary>Each silo's HTTPS API by its service name (<see cref="NewHttpClient"/> connects to its static address).</summary>
    public IReadOnlyList<Uri> Silos { get; } = ComposeFile.Silos
        .Select(silo => new Uri($"https://{silo}:{ComposeFile.Repository.Service(silo).Environment["ActorScale__Silo__HttpsPort"]}/"))
        .ToList();

    /// <summary>Each silo's plain HTTP port on its static address, which only its own container's loopback may reach.</summary>
    public IReadOnlyList<System.Net.IPEndPoint> PlainSiloPorts { get; } = ComposeFile.Silos
        .Select(silo => ComposeFile.Repository.Service(silo))
        .Select(silo => new System.Net.IPEndPoint(IPAddress.Parse(silo.StaticAddress!), int.Parse(silo.Environment["ActorScale__Silo__HttpPort"], System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    /// <summary>The silos' service names and their static addresses: the host has no DNS for the project's network.</summary>
    private static readonly Dictionary<string, IPAddress> SiloAddresses = ComposeFile.Silos
        .ToDictionary(silo => silo, silo => IPAddress.Parse(ComposeFile.Repository.Service(silo).StaticAddress!));

    /// <summary>The load balancer, published on the host's loopback.</summary>
    public Uri LoadBalancer => new($"https://127.0.0.1:{Project!.HttpsPort}/");

    public async Task InitializeAsync()
    {
        Engine = await DockerEngine.FindAsync();
        if (!Engine.Available)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var images = await OfflineImages.BuildAsync();
        BuildTime = clock.Elapsed;

        Project = await ComposeProject.CreateAsync(Engine, images);
        clock.Restart();
        try
        {
            await Project.UpAsync();
            UpTime = clock.Elapsed;
            using var http = NewHttpClient();
            await WaitUntilReadyAsync(http, Silos);
            DemoEnd = await Eventually.WaitAsync(
                "the one-shot client service (`demo`) to exit",
                async () =>
                {
                    var state = (await Project.DockerOnServiceAsync("inspect", "client", "--format", "{{.State.Status}} {{.State.ExitCode}}")).EnsureSuccess().Output.Trim();
                    return (state.StartsWith("exited", StringComparison.Ordinal), state);
                },
                Demo);
            var logs = await Project.DockerOnServiceAsync("logs", "client");
            DemoOutput = logs.Output + logs.Error;
        }
        catch
        {
            await Project.DisposeAsync();
            Project = null;
            throw;
        }
    }

    /// <summary>
    /// A client for the silos and the load balancer: a dead silo's address fails to connect within 2 s; each server's
    /// certificate must be issued by the project's authority for the name asked for (a silo's service name, connected
    /// to at its static address; the balancer's loopback address).
    /// </summary>
    internal HttpClient NewHttpClient()
    {
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(Project!.AuthorityFile);
        var tls = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is not X509Certificate2 server || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(server);
            },
        };
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            SslOptions = tls,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    var address = SiloAddresses.TryGetValue(host, out var silo) ? silo : IPAddress.Parse(host);
                    await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new(handler)
        {
            // Long enough for a login's password hash on a loaded 2-core machine.
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Waits until each silo's <c>/health/ready</c> answers 200: Active in the membership, lease held, storage reachable.</summary>
    internal static async Task WaitUntilReadyAsync(HttpClient http, IEnumerable<Uri> silos)
    {
        foreach (var silo in silos)
        {
            await Eventually.WaitAsync(
                $"GET {silo}health/ready to answer 200",
                async () =>
                {
                    using var response = await http.GetAsync(new Uri(silo, "health/ready"));
                    return (response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                },
                Ready);
        }
    }

    public async Task DisposeAsync()
    {
        if (Project is not null)
        {
            await Project.DisposeAsync();
        }
    }
}
