using System.Security.Cryptography.X509Certificates;
using ActorScale.Hosting.Tls;
using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;
using CliWrap;
using CliWrap.Buffered;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>
/// The certificates of the Orleans ports' mutual TLS, as the launcher and compose's <c>docker/make-certificates.sh</c>
/// issue them, judged by the code the silos and clients judge their peers with (<see cref="ClusterTls"/>); no network.
/// </summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    /// <summary>Keys no container of ours reads: the authority's, and nginx's (read by its root master).</summary>
    private static readonly string[] OwnerOnlyKeys = ["ca.key", "lb.key"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"actorscale-certs-{Guid.NewGuid():N}");

    [Fact]
    public void LauncherCertificates_SiloIsSiloAndMember_ClientIsMemberOnly_StrangerIsNeither()
    {
        var certificates = new ClusterCertificates(Path.Combine(_folder, "tls"));
        var silo = certificates.IssueSilo("silo-1");
        var client = certificates.Client();
        var stranger = new ClusterCertificates(Path.Combine(_folder, "other")).IssueSilo("silo-1");

        AssertRoles(silo, client, stranger);
        Assert.All(Directory.GetFiles(certificates.Folder), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task ComposeScriptCertificates_SameRolesAsTheLaunchers()
    {
        await Run();
        var tls = Path.Combine(_folder, "tls");
        var stranger = new ClusterCertificates(Path.Combine(_folder, "other")).IssueSilo("silo1");

        AssertRoles(Settings(tls, "silo1"), Settings(tls, "client"), stranger);

        // Nothing for other users; the authority's and the balancer's keys for the owner alone (the non-root silo and
        // console containers read theirs through group 10001: docker/secrets-access.sh, tested with compose).
        Assert.All(Directory.GetFiles(tls), f => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(f) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)));
        Assert.All(OwnerOnlyKeys, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(tls, f))));
    }

    [Fact]
    public void LauncherRotation_OldAndNewTrustedUntilDropped_ThenOldRefused()
    {
        var certificates = new ClusterCertificates(Path.Combine(_folder, "tls"));
        using var old = Load(certificates.IssueSilo("silo-old"));

        certificates.StageAuthority();
        var staged = ClusterTls.Load(certificates.IssueSilo("silo-1"));
        Assert.True(staged.IsSilo(old), "the old authority is trusted while the new one is staged");

        certificates.PromoteAuthority();
        var promoted = ClusterTls.Load(certificates.IssueSilo("silo-2"));
        Assert.True(promoted.IsSilo(old), "the old authority is trusted until it is dropped");
        Assert.True(staged.IsSilo(promoted.Current), "a silo started while the authority was staged trusts the promoted one's certificates");

        certificates.DropPreviousAuthority();
        var dropped = ClusterTls.Load(certificates.IssueSilo("silo-3"));
        Assert.False(dropped.IsSilo(old), "the old authority's certificate is refused once dropped");
        Assert.True(dropped.IsSilo(promoted.Current));
        Assert.True(dropped.IsMember(Load(certificates.Client())));
    }

    [Fact]
    public async Task ComposeScriptRotation_StagePromoteDrop_OldSiloCertificateRefusedAtTheEnd()
    {
        await Run();
        var tls = Path.Combine(_folder, "tls");
        using var old = Load(Settings(tls, "silo1"));

        await Run("--stage-ca");
        Assert.True(ClusterTls.Load(Settings(tls, "silo2")).IsSilo(old));
        await Run("--promote-ca");
        var promoted = ClusterTls.Load(Settings(tls, "silo2"));
        Assert.True(promoted.IsSilo(old));
        Assert.NotEqual(old.Thumbprint, promoted.Current.Thumbprint);
        await Run("--drop-ca");

        var after = ClusterTls.Load(Settings(tls, "silo2"));
        Assert.False(after.IsSilo(old));
        Assert.True(after.IsSilo(Load(Settings(tls, "silo3"))));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void AssertRoles(ClusterTlsSettings silo, ClusterTlsSettings client, ClusterTlsSettings stranger)
    {
        var judge = ClusterTls.Load(silo);
        using var siloCertificate = Load(silo);
        using var clientCertificate = Load(client);
        using var strangerCertificate = Load(stranger);

        Assert.True(judge.IsSilo(siloCertificate), "a silo's certificate passes for a silo");
        Assert.True(judge.IsMember(siloCertificate), "a silo's certificate opens the gateway");
        Assert.True(judge.IsMember(clientCertificate), "the client's certificate opens the gateway");
        Assert.False(judge.IsSilo(clientCertificate), "the client's certificate never passes for a silo");
        Assert.False(judge.IsSilo(strangerCertificate), "another authority's silo certificate is refused");
        Assert.False(judge.IsMember(strangerCertificate), "another authority's certificate does not open the gateway");
    }

    private static ClusterTlsSettings Settings(string folder, string name) => new()
    {
        CertificateFile = Path.Combine(folder, $"{name}.crt"),
        KeyFile = Path.Combine(folder, $"{name}.key"),
        TrustFile = Path.Combine(folder, "trust.crt"),
    };

    private static X509Certificate2 Load(ClusterTlsSettings settings) => X509Certificate2.CreateFromPemFile(settings.CertificateFile!, settings.KeyFile);

    private async Task Run(params string[] arguments)
    {
        var result = await CliWrap.Cli.Wrap("bash")
            .WithArguments([RepositoryRoot.Combine("docker/make-certificates.sh"), .. arguments])
            .WithEnvironmentVariables(e => e.Set("ACTORSCALE_SECRETS_DIR", _folder))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, $"make-certificates.sh {string.Join(' ', arguments)}: {result.StandardError}");
    }
}
