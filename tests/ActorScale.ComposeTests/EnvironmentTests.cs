using System.Net;
using YamlDotNet.Core;

namespace ActorScale.ComposeTests;

/// <summary>The environment variables compose passes: only keys the programs read, and all a silo needs.</summary>
public sealed class EnvironmentTests
{
    private const string SiloName = "ActorScale__Silo__Name";
    private const string AdvertisedAddress = "ActorScale__Silo__AdvertisedAddress";

    private static readonly ComposeFile Compose = ComposeFile.Repository;

    private static readonly HashSet<string> BooleanWords = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "yes", "no", "on", "off" };

    [Fact]
    public void ActorScaleVariables_InEveryService_AreKnownConfigurationKeys()
    {
        var unknown = Compose.Services.SelectMany(service => service.Environment.Keys
            .Where(key => key.StartsWith("ActorScale__", StringComparison.Ordinal) && !ConfigurationContract.Known.Contains(key))
            .Select(key => $"{service.Name}: {key}"));
        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    public void Silo_Environment_SetsEveryRequiredKey(string silo)
    {
        var environment = Compose.Service(silo).Environment;
        Assert.DoesNotContain(ConfigurationContract.RequiredBySilo, key => !ConfigurationContract.IsSet(environment, key));
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    public void Silo_AdvertisedAddress_IsItsStaticIpAddress(string silo)
    {
        var service = Compose.Service(silo);
        var advertised = service.Environment.GetValueOrDefault(AdvertisedAddress);
        Assert.True(IPAddress.TryParse(advertised, out _), $"{silo} advertises '{advertised}', which the silo cannot parse as an IP address");
        Assert.Equal(advertised, service.StaticAddress);
    }

    [Fact]
    public void Silos_NamesAndAdvertisedAddresses_AreDistinct()
    {
        var silos = ComposeFile.Silos.Select(name => Compose.Service(name).Environment).ToList();
        Assert.Equal(silos.Count, silos.Select(environment => environment.GetValueOrDefault(SiloName)).Distinct().Count());
        Assert.Equal(silos.Count, silos.Select(environment => environment.GetValueOrDefault(AdvertisedAddress)).Distinct().Count());
    }

    [Theory]
    [InlineData("silo1", "silo1")]
    [InlineData("silo2", "silo2")]
    [InlineData("silo3", "silo3")]
    [InlineData("client", "client")]
    public void OrleansTls_EachServiceItsOwnCertificate_MountedAsItsSecret_TrustShared(string service, string certificate)
    {
        var definition = Compose.Service(service);
        var environment = definition.Environment;

        Assert.Equal(ComposeFile.SecretsMount + certificate + "_tls_cert", environment.GetValueOrDefault("ActorScale__Cluster__Tls__CertificateFile"));
        Assert.Equal(ComposeFile.SecretsMount + certificate + "_tls_key", environment.GetValueOrDefault("ActorScale__Cluster__Tls__KeyFile"));
        Assert.Equal(ComposeFile.SecretsMount + "cluster_tls_trust", environment.GetValueOrDefault("ActorScale__Cluster__Tls__TrustFile"));
        Assert.False(environment.ContainsKey("ActorScale__Cluster__Tls__Disabled"), $"{service} turns TLS off");
        Assert.Equal(new[] { $"{certificate}_tls_cert", $"{certificate}_tls_key", "cluster_tls_trust" }.Order(StringComparer.Ordinal), definition.Secrets.Where(s => s.Contains("tls", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal($"tls/{certificate}.crt", Compose.SecretFiles[$"{certificate}_tls_cert"].Split('/')[^2] + "/" + Compose.SecretFiles[$"{certificate}_tls_cert"].Split('/')[^1]);
    }

    [Fact]
    public void Client_ClusterSettings_MatchTheSilos()
    {
        var client = Compose.Service("client").Environment;
        Assert.True(ConfigurationContract.IsSet(client, "ActorScale__Cluster__RedisUser"), "the client has no Redis user");
        Assert.True(ConfigurationContract.IsSet(client, "ActorScale__Cluster__RedisPassword"), "the client has no Redis password");
        foreach (var silo in ComposeFile.Silos)
        {
            var environment = Compose.Service(silo).Environment;
            foreach (var key in ConfigurationContract.SharedByClientAndSilos)
            {
                Assert.Equal($"{key}={environment.GetValueOrDefault(key)}", $"{key}={client.GetValueOrDefault(key)}");
            }
        }
    }

    [Fact]
    public void Redis_ClusterIdentity_MatchesTheSilos()
    {
        // Its users may touch only the membership table of this ServiceId and ClusterId (docker/redis-start.sh).
        var redis = Compose.Service("redis").Environment;
        foreach (var key in new[] { "ActorScale__Cluster__ServiceId", "ActorScale__Cluster__ClusterId" })
        {
            Assert.All(ComposeFile.Silos, silo => Assert.Equal($"{key}={Compose.Service(silo).Environment.GetValueOrDefault(key)}", $"{key}={redis.GetValueOrDefault(key)}"));
        }
    }

    [Fact]
    public void Environment_BooleanWords_AreQuoted()
    {
        // Compose accepts only strings and numbers as environment values: an unquoted true is a YAML boolean and fails.
        var unquoted = Compose.Services.SelectMany(service => service.EnvironmentNodes
            .Where(pair => pair.Value.Style == ScalarStyle.Plain && BooleanWords.Contains(pair.Value.Value ?? ""))
            .Select(pair => $"{service.Name}: {pair.Key}"));
        Assert.Empty(unquoted);
    }
}
