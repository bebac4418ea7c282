using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorScale.Hosting.Tls;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// The local cluster's private certificate authority and the certificates it issues for mutual TLS on the Orleans
/// ports (<c>secrets/tls</c>, every file 0600): one certificate per silo, issued afresh at each launch, and one for the
/// clients (console, bench, chaos, tests). Rotating the authority takes three steps, each followed by a roll of the
/// silos, so that at every moment each silo trusts the certificate of every other: stage (trust old and new), promote
/// (issue from the new), drop (trust the new only).
/// </summary>
public sealed class ClusterCertificates(string folder)
{
    /// <summary>How long a silo's or client's certificate is valid; silos get a new one at every start.</summary>
    public static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);

    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(5 * 365);

    private static readonly Lock IssueLock = new();

    public string Folder { get; } = folder;

    public string TrustFile => Path.Combine(Folder, "trust.crt");

    private string AuthorityFile => Path.Combine(Folder, "ca.crt");

    private string AuthorityKeyFile => Path.Combine(Folder, "ca.key");

    private string NextAuthorityFile => Path.Combine(Folder, "ca-next.crt");

    private string NextAuthorityKeyFile => Path.Combine(Folder, "ca-next.key");

    private string PreviousAuthorityFile => Path.Combine(Folder, "ca-previous.crt");

    /// <summary>The authority's certificate (creating the authority on first use).</summary>
    public X509Certificate2 Authority()
    {
        if (!File.Exists(AuthorityFile))
        {
            WriteAuthority(AuthorityFile, AuthorityKeyFile);
            WriteTrust(AuthorityFile);
        }

        return X509Certificate2.CreateFromPem(File.ReadAllText(AuthorityFile));
    }

    /// <summary>A new certificate for the silo <paramref name="name"/> (server and client authentication), from the current authority.</summary>
    public ClusterTlsSettings IssueSilo(string name) => Issue(name, [ClusterTls.ServerAuthentication, ClusterTls.ClientAuthentication]);

    /// <summary>
    /// A new certificate for an HTTPS server of this machine (<paramref name="name"/>: the load balancer), server
    /// authentication only, for <c>localhost</c> and <c>127.0.0.1</c>: it cannot pass for a silo or a client on the Orleans ports.
    /// </summary>
    public ClusterTlsSettings IssueServer(string name) => Issue(name, [ClusterTls.ServerAuthentication]);

    /// <summary>
    /// TLS options for the lab's HTTPS clients (bench, chaos, tests): the server's certificate must be issued by this
    /// cluster's authority for server authentication and name the host connected to.
    /// </summary>
    public SslClientAuthenticationOptions HttpsClientOptions()
    {
        Authority();
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(TrustFile);
        return new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                && ClusterTls.IssuedBy(trusted, server, ClusterTls.ServerAuthentication),
        };
    }

    /// <summary>The clients' certificate (client authentication only), issued again when the authority changed.</summary>
    public ClusterTlsSettings Client()
    {
        lock (IssueLock)
        {
            var settings = Paths("client");
            if (File.Exists(settings.CertificateFile) && ClusterTls.IssuedBy([Authority()], X509Certificate2.CreateFromPem(File.ReadAllText(settings.CertificateFile!)), ClusterTls.ClientAuthentication))
            {
                return settings;
            }

            return Issue("client", [ClusterTls.ClientAuthentication]);
        }
    }

    /// <summary>Rotation, step 1 of 3: a new authority that is trusted but issues nothing yet.</summary>
    public void StageAuthority()
    {
        Authority();
        WriteAuthority(NextAuthorityFile, NextAuthorityKeyFile);
        WriteTrust(AuthorityFile, NextAuthorityFile);
    }

    /// <summary>Rotation, step 2 of 3: the staged authority issues from now on (and the clients' certificate is issued again); the old one is still trusted.</summary>
    public void PromoteAuthority()
    {
        if (!File.Exists(NextAuthorityFile))
        {
            throw new UsageException("no staged certificate authority to promote");
        }

        File.Move(AuthorityFile, PreviousAuthorityFile, overwrite: true);
        File.Delete(AuthorityKeyFile);
        File.Move(NextAuthorityFile, AuthorityFile);
        File.Move(NextAuthorityKeyFile, AuthorityKeyFile);
        WriteTrust(AuthorityFile, PreviousAuthorityFile);
        Issue("client", [ClusterTls.ClientAuthentication]);
    }

    /// <summary>Rotation, step 3 of 3: only the current authority is trusted; certificates of the old one are refused.</summary>
    public void DropPreviousAuthority()
    {
        File.Delete(PreviousAuthorityFile);
        WriteTrust(AuthorityFile);
    }

    private ClusterTlsSettings Paths(string name) => new()
    {
        CertificateFile = Path.Combine(Folder, $"{name}.crt"),
        KeyFile = Path.Combine(Folder, $"{name}.key"),
        TrustFile = TrustFile,
    };

    private ClusterTlsSettings Issue(string name, string[] usages)
    {
        var authority = Authority();
        using var authorityKey = ECDsa.Create();
        authorityKey.ImportFromPem(File.ReadAllText(AuthorityKeyFile));
        using var issuer = authority.CopyWithPrivateKey(authorityKey);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=actorscale-{name}, O=ActorScale", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usageOids = new OidCollection();
        foreach (var usage in usages)
        {
            usageOids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usageOids, true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName($"actorscale-{name}");
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(issuer, now.AddMinutes(-5), now + LeafLifetime, SerialNumber());

        var settings = Paths(name);
        PrivateFile.Write(settings.KeyFile!, key.ExportPkcs8PrivateKeyPem());
        PrivateFile.Write(settings.CertificateFile!, certificate.ExportCertificatePem());
        return settings;
    }

    private void WriteAuthority(string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ActorScale cluster authority {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}, O=ActorScale", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + AuthorityLifetime);
        Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        PrivateFile.Write(keyFile, key.ExportPkcs8PrivateKeyPem());
        PrivateFile.Write(certificateFile, certificate.ExportCertificatePem());
    }

    private void WriteTrust(params string[] authorities) =>
        PrivateFile.Write(TrustFile, string.Concat(authorities.Select(a => File.ReadAllText(a).TrimEnd() + "\n")));

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
