namespace ActorScale.ComposeTests;

/// <summary>The <c>lb</c> service: nginx with the repository's config, balancing every silo's HTTPS port.</summary>
public sealed class LoadBalancerTests
{
    private const string HttpsPort = "ActorScale__Silo__HttpsPort";

    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Fact]
    public void Config_MountedFromTheRepository_Exists()
    {
        var source = MountedConfig();
        Assert.True(File.Exists(RepoRoot.Combine(source)), $"lb mounts '{source}', which does not exist");
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    public void Config_Upstream_NamesTheSiloAtItsHttpsPort(string silo)
    {
        var port = Compose.Service(silo).Environment.GetValueOrDefault(HttpsPort);
        Assert.False(string.IsNullOrEmpty(port), $"{silo} does not set {HttpsPort}");
        Assert.Contains($"server {silo}:{port} ", File.ReadAllText(RepoRoot.Combine(MountedConfig())), StringComparison.Ordinal);
    }

    [Fact]
    public void Config_ReachesTheSilosOverTls_OnlyTheClustersSilos()
    {
        var config = File.ReadAllText(RepoRoot.Combine(MountedConfig()));

        Assert.DoesNotContain("proxy_pass http://", config, StringComparison.Ordinal);
        Assert.Contains("proxy_pass https://actorscale_silos;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_ssl_verify on;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_ssl_trusted_certificate /run/secrets/cluster_tls_trust;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_ssl_name silos;", config, StringComparison.Ordinal);
        Assert.Contains("cluster_tls_trust", Compose.Service("lb").Secrets);
    }

    [Fact]
    public void Config_RetriableRequests_GoToTheNextSilo_OthersOnlyWhenNeverSent()
    {
        var config = File.ReadAllText(RepoRoot.Combine(MountedConfig()));

        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream error;", config, StringComparison.Ordinal);
        Assert.Contains("\"~^[A-Z]+:.+\" 1;", config, StringComparison.Ordinal);
    }

    private static string MountedConfig()
    {
        var volume = Compose.Service("lb").Volumes.SingleOrDefault(v => v.Split(':')[1] == "/etc/nginx/nginx.conf");
        Assert.True(volume is not null, "lb mounts no /etc/nginx/nginx.conf");
        return volume.Split(':')[0];
    }
}
