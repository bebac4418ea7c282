namespace ActorScale.Lab.Cluster;

/// <summary>
/// HTTPS at a load balancer: its certificate and key (issued by the cluster's authority, <see cref="ClusterCertificates.IssueServer"/>)
/// and the plain-HTTP port that only redirects to HTTPS.
/// </summary>
public sealed record BalancerTls(string CertificateFile, string KeyFile, int RedirectPort)
{
    /// <summary>Strict-Transport-Security's max-age: a year, the usual value once HTTPS is the only way in.</summary>
    public const int HstsMaxAgeSeconds = 31_536_000;

    /// <summary>The balancer's certificate, issued again from the current authority, with <paramref name="redirectPort"/>.</summary>
    public static BalancerTls Issue(ClusterHome home, string name, int redirectPort)
    {
        var issued = home.Certificates.IssueServer(name);
        return new BalancerTls(issued.CertificateFile!, issued.KeyFile!, redirectPort);
    }

    /// <summary>The balancer's certificate as last issued (a reload keeps it).</summary>
    public static BalancerTls Existing(ClusterHome home, string name, int redirectPort) =>
        new(Path.Combine(home.Certificates.Folder, $"{name}.crt"), Path.Combine(home.Certificates.Folder, $"{name}.key"), redirectPort);
}
