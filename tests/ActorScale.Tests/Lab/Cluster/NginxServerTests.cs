using ActorScale.Lab.Cluster;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Lab.Cluster;

/// <summary>The nginx.conf of <c>cluster up --lb</c>: what it listens on, where it sends each request, and where its files go.</summary>
public sealed class NginxServerTests
{
    private const string Folder = "/tmp/cluster/nginx";

    [Fact]
    public void Config_ListensOnTheLoopbackPort_AndBalancesEverySiloHttpPort()
    {
        var config = NginxServer.Config(Folder, 8000, [9001, 9002, 9003]);

        Assert.Contains("listen 127.0.0.1:8000;", config, StringComparison.Ordinal);
        foreach (var port in new[] { 9001, 9002, 9003 })
        {
            Assert.Contains($"server 127.0.0.1:{port} ", config, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Config_RetriableRequests_GoToTheNextSiloOnFailureTimeoutOr5xx_OthersOnlyWhenNeverSent()
    {
        var config = NginxServer.Config(Folder, 8000, [9001]);

        Assert.Contains("\"~^(GET|HEAD):\" 1;", config, StringComparison.Ordinal);
        Assert.Contains("\"~^[A-Z]+:.+\" 1;", config, StringComparison.Ordinal); // any method with an Idempotency-Key
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream error;", config, StringComparison.Ordinal);
        Assert.Contains("max_fails=0;", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_RunsInTheForeground_WithEveryFileInItsFolder()
    {
        var config = NginxServer.Config(Folder, 8000, [9001]);

        Assert.Contains("daemon off;", config, StringComparison.Ordinal);
        Assert.Contains($"pid \"{Folder}/nginx.pid\";", config, StringComparison.Ordinal);
        Assert.DoesNotContain("/var/", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_NoSilo_Throws() =>
        Assert.Throws<InvalidOperationException>(() => NginxServer.Config(Folder, 8000, []));

    [Fact]
    public void Config_RoutesEachUserToOneSilo_ByTokenOrLoginBody_ConsistentHashing()
    {
        var config = NginxServer.Config(Folder, 8000, [9001, 9002]);

        Assert.Contains("hash $actorscale_affinity consistent;", config, StringComparison.Ordinal);
        Assert.Contains("map $http_authorization $actorscale_token_user", config, StringComparison.Ordinal);
        Assert.Contains("map $request_body $actorscale_body_user", config, StringComparison.Ordinal);
        Assert.Contains("\"\" $request_id;", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_AdmissionLimitsAndErrorPages_AsNginxEdgeWritesThem()
    {
        var config = NginxServer.Config(Folder, 8000, [9001]);

        Assert.Contains("worker_processes auto;", config, StringComparison.Ordinal);
        Assert.Contains(NginxEdge.ClientKeys([LocalCluster.LabClientAddress]), config, StringComparison.Ordinal);
        Assert.Contains(NginxEdge.Zones, config, StringComparison.Ordinal);
        Assert.Contains(NginxEdge.ServerLimits, config, StringComparison.Ordinal);
        Assert.Contains(NginxEdge.ErrorPages, config, StringComparison.Ordinal);
        Assert.Contains(NginxEdge.CacheStatus, config, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_PutOrDeleteWithoutIdempotencyKey_GoesWhereNothingIsResent()
    {
        var config = NginxServer.Config(Folder, 8000, [9001]);
        var once = config[config.IndexOf("location /@once/ {", StringComparison.Ordinal)..];

        Assert.Contains("\"~^(PUT|DELETE):$\" 1;", config, StringComparison.Ordinal);
        Assert.Contains("rewrite ^ /@once$uri last;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream off;", once[..once.IndexOf('}', StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cache_OnlyInThePublicLocations(bool docker)
    {
        var config = docker ? File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker", "nginx.conf")) : NginxServer.Config(Folder, 8000, [9001, 9002]);
        var locations = config.Split("location ").Skip(1).ToList();

        var caching = locations.Where(location => location[..location.IndexOf('}', StringComparison.Ordinal)].Contains("proxy_cache actorscale_public;", StringComparison.Ordinal))
            .Select(location => location[..location.IndexOf('{', StringComparison.Ordinal)].Trim());
        Assert.Equal(NginxEdge.PublicPaths.Select(path => $"= {path}"), caching);
        Assert.Single(config.Split('\n'), line => line.TrimStart().StartsWith("proxy_cache_path ", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerConfig_SameMapsLimitsAndErrorPages_AsTheGeneratedOne()
    {
        var docker = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker", "nginx.conf"));

        foreach (var block in new[] { NginxServer.AffinityMaps, NginxServer.RetryMap, NginxEdge.ClientKeys([]), NginxEdge.Zones, NginxEdge.ServerLimits, NginxEdge.ErrorPages, NginxEdge.PublicCache, NginxEdge.CacheStatus })
        {
            Assert.Contains(block, docker, StringComparison.Ordinal);
        }

        Assert.Contains("worker_processes auto;", docker, StringComparison.Ordinal);
        Assert.Contains("location /@once/ {", docker, StringComparison.Ordinal);
    }
}
