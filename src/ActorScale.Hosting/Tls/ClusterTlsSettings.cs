namespace ActorScale.Hosting.Tls;

/// <summary>
/// Mutual TLS on the Orleans ports (silo-to-silo and client-to-gateway), read from <c>ActorScale:Cluster:Tls</c>
/// (environment: <c>ActorScale__Cluster__Tls__CertificateFile</c> and so on). Required whenever the cluster's membership
/// is in Redis, unless <see cref="Disabled"/> says otherwise out loud; a development silo (no Redis) runs without it.
/// </summary>
public sealed class ClusterTlsSettings
{
    /// <summary>This process's certificate (PEM), issued by the cluster's certificate authority.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>Its private key (PEM, unencrypted, mode 0600).</summary>
    public string? KeyFile { get; set; }

    /// <summary>The certificate authorities whose certificates this process accepts from its peers (PEM, one or more; two while the authority is rotated).</summary>
    public string? TrustFile { get; set; }

    /// <summary>Plaintext Orleans ports even with Redis membership: only for measuring what TLS costs. Default false.</summary>
    public bool Disabled { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile) || !string.IsNullOrWhiteSpace(TrustFile);

    /// <summary>Whether a process with these settings and <paramref name="usesRedis"/> speaks TLS on the Orleans ports.</summary>
    public bool AppliesWith(bool usesRedis) => !Disabled && (usesRedis || IsConfigured);
}
