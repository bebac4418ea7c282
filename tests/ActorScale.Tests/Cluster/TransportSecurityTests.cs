using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ActorScale.Domain.Sessions;
using ActorScale.Hosting.Tls;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;
using ActorScale.Lab.Connection;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Cluster;

/// <summary>
/// Mutual TLS on the Orleans ports of a real cluster: a client without a certificate of the cluster's authority never
/// gets to send an Orleans message (so <c>IManagementGrain</c> is out of its reach), a client certificate opens the
/// gateway but not the silo-to-silo port, and the authority is rotated while the cluster serves.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class TransportSecurityTests(RealClusterFixture cluster)
{
    [Fact]
    public async Task PlaintextOrleansClient_IsRefusedByTheGateway_ManagementGrainOutOfReach()
    {
        var silo = cluster.RunningSilos()[0];
        var plaintext = cluster.State.ClientSettings(cluster.Home);
        plaintext.Tls = new ClusterTlsSettings { Disabled = true };

        var refused = await Assert.ThrowsAsync<ClusterUnavailableException>(() =>
            ClusterConnection.ConnectAsync(new ConnectionSettings(plaintext, [new(System.Net.IPAddress.Loopback, silo.GatewayPort)], silo.Name), CancellationToken.None));

        Assert.Contains("cannot reach the cluster", refused.Message, StringComparison.Ordinal);

        // The same client with the cluster's client certificate gets in: the refusal was the missing certificate.
        await using var admitted = await cluster.PinnedAsync(silo);
        Assert.NotEmpty(await admitted.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    [Fact]
    public async Task ClientCertificate_OpensTheGateway_NotTheSiloPort_ASiloCertificateOpensBoth()
    {
        var silo = cluster.RunningSilos()[0];
        var certificates = cluster.Home.Certificates;
        using var client = Load(certificates.Client());
        using var probeSilo = Load(certificates.IssueSilo("probe"));

        Assert.Null(await HandshakeAsync(silo.GatewayPort, client));
        Assert.NotNull(await HandshakeAsync(silo.SiloPort, client));
        Assert.Null(await HandshakeAsync(silo.SiloPort, probeSilo));
        Assert.Null(await HandshakeAsync(silo.GatewayPort, probeSilo));
    }

    [Fact]
    public async Task CertificateOfAnotherAuthority_OrNone_IsRefusedOnBothPorts()
    {
        var silo = cluster.RunningSilos()[0];
        var foreign = new ClusterCertificates(Path.Combine(cluster.Home.Root, $"foreign-{Guid.NewGuid():N}"));
        using var stranger = Load(foreign.IssueSilo("silo-1"));

        foreach (var port in new[] { silo.GatewayPort, silo.SiloPort })
        {
            Assert.NotNull(await HandshakeAsync(port, stranger));
            Assert.NotNull(await HandshakeAsync(port, null));
        }
    }

    [Fact]
    public async Task RotateAuthority_WhileOneClientCalls_NoCallFails_SilosAndBalancerOnTheNewAuthority_OldClientCertificateRefused()
    {
        await cluster.BalancerAsync();
        var (user, token) = await cluster.Client.SignUpAsync("rotate");
        await cluster.Client.Cart(user).AddAsync(token, Guid.NewGuid(), "book-orleans", 1);
        var certificates = cluster.Home.Certificates;
        var oldAuthority = certificates.Authority().Thumbprint;
        var kept = Path.Combine(cluster.Home.Root, $"old-client-{Guid.NewGuid():N}");
        Directory.CreateDirectory(kept);
        var oldClient = certificates.Client();
        var oldClientSettings = new ClusterTlsSettings
        {
            CertificateFile = Copy(oldClient.CertificateFile!, kept),
            KeyFile = Copy(oldClient.KeyFile!, kept),
            TrustFile = Copy(oldClient.TrustFile!, kept),
        };

        var connection = await ClusterConnection.ConnectAsync(new ConnectionSettings(cluster.State.ClientSettings(cluster.Home), [], "rotation client"), CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var failures = new List<string>();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var status = await Retry.RunAsync(async _ => (await connection.Client.Session(user).ValidateAsync(token)).Status, CancellationToken.None);
                    if (status != TokenStatus.Valid)
                    {
                        failures.Add($"token {status}");
                    }

                    calls++;
                }
                catch (Exception ex)
                {
                    failures.Add($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }

                await Task.Delay(20);
            }
        });

        // The same client throughout: it reads the trust file and its certificate again at each new connection.
        await cluster.Launcher.RotateAuthorityAsync(null, CancellationToken.None);
        await stop.CancelAsync();
        await load;
        await connection.DisposeAsync();
        await cluster.ReconnectAsync();

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls + failures.Count} calls failed during the rotation: {string.Join("; ", failures.Distinct().Take(5))}");
        Assert.True(calls > 50, $"only {calls} calls ran during the rotation");
        var authority = certificates.Authority();
        Assert.NotEqual(oldAuthority, authority.Thumbprint);
        foreach (var silo in cluster.RunningSilos())
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certificates.Folder, $"{silo.Name}.crt")));
            Assert.Equal(authority.Subject, certificate.Issuer);
        }

        var old = cluster.State.ClientSettings(cluster.Home);
        old.Tls = oldClientSettings;
        await Assert.ThrowsAsync<ClusterUnavailableException>(() => ClusterConnection.ConnectAsync(new ConnectionSettings(old, [], "old client certificate"), CancellationToken.None));
        var view = await cluster.Client.Cart(user).GetAsync(token);
        Assert.Equal("book-orleans", Assert.Single(view.Lines).Sku);

        // The balancer's certificate moved to the new authority too: a client that trusts only the new one still gets in.
        using var https = new HttpClient(new SocketsHttpHandler { SslOptions = certificates.HttpsClientOptions() });
        using var catalog = await https.GetAsync(new Uri(LocalCluster.BalancerAddress(cluster.Refresh().LbPort) + "/api/catalog"));
        Assert.Equal(System.Net.HttpStatusCode.OK, catalog.StatusCode);
    }

    private static X509Certificate2 Load(ClusterTlsSettings settings) => X509Certificate2.CreateFromPemFile(settings.CertificateFile!, settings.KeyFile);

    private static string Copy(string file, string folder)
    {
        var target = Path.Combine(folder, Path.GetFileName(file));
        File.Copy(file, target);
        return target;
    }

    /// <summary>
    /// A TLS handshake with <paramref name="certificate"/> (none when null) on a port, then a read: null when the server
    /// kept the connection (it waits for an Orleans preamble, or sends its own), else what refused it. The read is needed
    /// because the server judges the client's certificate once the handshake is done, and refuses by closing.
    /// </summary>
    private static async Task<string?> HandshakeAsync(int port, X509Certificate2? certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = certificate is null ? null : [certificate],
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                    RemoteCertificateValidationCallback = (_, server, _, _) => server is not null,
                },
                timeout.Token);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                return await tls.ReadAsync(new byte[1], wait.Token) == 0 ? "closed by the server after the handshake" : null;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return ex.Message;
        }
    }
}
