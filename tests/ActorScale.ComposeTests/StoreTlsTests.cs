using System.Data.Common;

namespace ActorScale.ComposeTests;

/// <summary>
/// Redis and PostgreSQL cross the containers' network encrypted: each serves TLS only, with a certificate of the
/// cluster's authority, and every client verifies it against that authority. Run for real by the topology test.
/// </summary>
public sealed class StoreTlsTests
{
    private const string Trust = "cluster_tls_trust";

    private static readonly ComposeFile Compose = ComposeFile.Repository;

    [Fact]
    public void Redis_ServesTlsOnly_WithItsOwnCertificate_HealthcheckOverTls()
    {
        var redis = Compose.Service("redis");
        var script = File.ReadAllText(RepoRoot.Combine("docker/redis-start.sh"));

        Assert.Superset(new HashSet<string> { "redis_tls_cert", "redis_tls_key", Trust }, redis.Secrets.ToHashSet());
        Assert.EndsWith("/tls/redis.crt", Compose.SecretFiles["redis_tls_cert"], StringComparison.Ordinal);
        Assert.Contains("\"port 0\" \"tls-port 6379\"", script, StringComparison.Ordinal);
        Assert.Contains("redis-cli --tls --cacert /run/secrets/cluster_tls_trust", File.ReadAllText(RepoRoot.Combine("docker-compose.yml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    [InlineData("silo3")]
    [InlineData("client")]
    public void RedisClients_VerifyRedisAgainstTheClusterAuthority(string service)
    {
        var definition = Compose.Service(service);

        Assert.Equal(ComposeFile.SecretsMount + Trust, definition.Environment.GetValueOrDefault("ActorScale__Cluster__RedisTrustFile"));
        Assert.Contains(Trust, definition.Secrets);
    }

    [Fact]
    public void Postgres_RefusesNetworkConnectionsWithoutTls()
    {
        var postgres = Compose.Service("postgres");
        var start = File.ReadAllText(RepoRoot.Combine("docker/postgres-start.sh"));
        var rules = File.ReadAllLines(RepoRoot.Combine("docker/postgres-hba.conf"))
            .Select(line => line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 0)
            .Select(fields => string.Join(' ', fields))
            .ToList();

        Assert.Contains("./docker/postgres-start.sh:/etc/actorscale/postgres-start.sh:ro", postgres.Volumes);
        Assert.Contains("./docker/postgres-hba.conf:/etc/actorscale/pg_hba.conf:ro", postgres.Volumes);
        Assert.Contains("-c ssl=on", start, StringComparison.Ordinal);
        Assert.Contains("-c hba_file=/etc/actorscale/pg_hba.conf", start, StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "postgres_tls_cert", "postgres_tls_key" }, postgres.Secrets.ToHashSet());
        // Over the network: TLS with a SCRAM password, then a rule that refuses whatever is left (no TLS).
        Assert.Equal(["local all postgres peer", "hostssl all all all scram-sha-256", "host all all all reject"], rules);
    }

    [Theory]
    [InlineData("silo1", "ActorScale__Storage__PostgresConnectionString")]
    [InlineData("silo2", "ActorScale__Storage__PostgresConnectionString")]
    [InlineData("silo3", "ActorScale__Storage__PostgresConnectionString")]
    [InlineData("migrate", "ActorScale__Database__AdminConnectionString")]
    [InlineData("migrate", "ActorScale__Database__OwnerConnectionString")]
    public void PostgresClients_VerifyTheServerAgainstTheClusterAuthority(string service, string key)
    {
        var definition = Compose.Service(service);
        var connection = new DbConnectionStringBuilder { ConnectionString = definition.Environment[key] };

        Assert.Equal("VerifyFull", connection["SSL Mode"]);
        Assert.Equal(ComposeFile.SecretsMount + Trust, connection["Root Certificate"]);
        Assert.Contains(Trust, definition.Secrets);
    }
}
