using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorScale.Hosting.Tls;

/// <summary>
/// A process's side of the cluster's mutual TLS: its own certificate and the authorities it trusts. Every peer must
/// present a certificate that chains to a trusted authority; the extended key usage says what the peer may be: a silo's
/// certificate is for server and client authentication, a client's for client authentication only, so a client
/// certificate opens the gateway port but never the silo-to-silo port, and never passes for a silo.
/// </summary>
/// <remarks>
/// The files are read again when they change (checked at each new connection), so a long-lived client follows a
/// rotation of the authority without reconnecting; silos are rolled onto new files instead (<see cref="Current"/> is
/// what a silo's TLS options capture at start).
/// </remarks>
public sealed class ClusterTls
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly ClusterTlsSettings _settings;
    private readonly Lock _lock = new();
    private Loaded _loaded;

    private ClusterTls(ClusterTlsSettings settings)
    {
        _settings = settings;
        _loaded = Read(settings);
    }

    /// <summary>This process's certificate, with its private key, as its files hold it now.</summary>
    public X509Certificate2 Current => Fresh().Certificate;

    /// <summary>Loads the certificate, its key and the trusted authorities; a missing or unreadable file is one line naming the setting.</summary>
    public static ClusterTls Load(ClusterTlsSettings settings) => new(settings);

    /// <summary>Whether <paramref name="peer"/> is a silo of this cluster: issued by a trusted authority for server authentication.</summary>
    public bool IsSilo(X509Certificate2 peer) => Chains(peer, ServerAuthentication);

    /// <summary>Whether <paramref name="peer"/> may use the gateway: a silo or a client of this cluster.</summary>
    public bool IsMember(X509Certificate2 peer) => Chains(peer, ClientAuthentication);

    /// <summary>Whether <paramref name="peer"/> chains to one of <paramref name="trusted"/> (and no other root) and may be used for <paramref name="usage"/>.</summary>
    public static bool IssuedBy(X509Certificate2Collection trusted, X509Certificate2 peer, string usage)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usage));
        return chain.Build(peer);
    }

    private bool Chains(X509Certificate2 peer, string usage) => IssuedBy(Fresh().Trusted, peer, usage);

    /// <summary>The files as loaded, read again if one of them changed since; a change that does not load (a rotation half-written) keeps the last good set.</summary>
    private Loaded Fresh()
    {
        lock (_lock)
        {
            if (Stamp(_settings) != _loaded.Stamp)
            {
                try
                {
                    _loaded = Read(_settings);
                }
                catch (InvalidOperationException)
                {
                    // The next connection tries again.
                }
            }

            return _loaded;
        }
    }

    private static Loaded Read(ClusterTlsSettings settings)
    {
        var certificateFile = Require(settings.CertificateFile, nameof(settings.CertificateFile));
        var keyFile = Require(settings.KeyFile, nameof(settings.KeyFile));
        var trustFile = Require(settings.TrustFile, nameof(settings.TrustFile));
        var stamp = Stamp(settings);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{Key(nameof(settings.CertificateFile))} / {nameof(settings.KeyFile)}: cannot load {certificateFile} with its key: {ex.Message}", ex);
        }

        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPemFile(trustFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{Key(nameof(settings.TrustFile))}: cannot read {trustFile}: {ex.Message}", ex);
        }

        if (trusted.Count == 0)
        {
            throw new InvalidOperationException($"{Key(nameof(settings.TrustFile))}: {trustFile} holds no certificate");
        }

        return new Loaded(certificate, trusted, stamp);
    }

    private static string Stamp(ClusterTlsSettings settings) =>
        string.Join('|', new[] { settings.CertificateFile, settings.KeyFile, settings.TrustFile }.Select(f => File.GetLastWriteTimeUtc(f!).Ticks));

    private static string Require(string? file, string name) =>
        string.IsNullOrWhiteSpace(file) ? throw new InvalidOperationException($"{Key(name)} is required: the Orleans ports speak mutual TLS whenever the membership is in Redis") : file;

    private static string Key(string name) => $"{ClusterSettings.Section}:Tls:{name}";

    private sealed record Loaded(X509Certificate2 Certificate, X509Certificate2Collection Trusted, string Stamp);
}
