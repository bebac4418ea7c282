namespace ActorScale.ComposeTests;

/// <summary>
/// The <c>ActorScale__*</c> environment variables compose may set. This list mirrors the configuration keys of the
/// silo (<c>SiloSettings</c>, <c>StorageSettings</c>, <c>TokenSettings</c>), of silo and client alike (<c>ClusterSettings</c>) and of
/// <c>actorscale db migrate</c> (<c>DatabaseSettings</c>): a key renamed there is renamed here, so that a variable
/// the programs would silently ignore fails a test instead.
/// </summary>
internal static class ConfigurationContract
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "ActorScale__Cluster__ServiceId",
        "ActorScale__Cluster__ClusterId",
        "ActorScale__Cluster__Redis",
        "ActorScale__Cluster__RedisUser",
        "ActorScale__Cluster__RedisPassword",
        "ActorScale__Cluster__RedisPasswordFile",
        "ActorScale__Cluster__RedisTrustFile",
        "ActorScale__Cluster__Tls__CertificateFile",
        "ActorScale__Cluster__Tls__KeyFile",
        "ActorScale__Cluster__Tls__TrustFile",
        "ActorScale__Cluster__Tls__Disabled",
        "ActorScale__Silo__Name",
        "ActorScale__Silo__AdvertisedAddress",
        "ActorScale__Silo__SiloPort",
        "ActorScale__Silo__GatewayPort",
        "ActorScale__Silo__ListenOnAnyHostAddress",
        "ActorScale__Silo__HttpPort",
        "ActorScale__Silo__HttpsPort",
        "ActorScale__Silo__MetricsPort",
        "ActorScale__Silo__DashboardPassword",
        "ActorScale__Silo__DashboardPasswordFile",
        "ActorScale__Telemetry__Tracing",
        "ActorScale__Storage__Provider",
        "ActorScale__Storage__PostgresConnectionString",
        "ActorScale__Storage__PostgresPassword",
        "ActorScale__Storage__PostgresPasswordFile",
        "ActorScale__Storage__PostgresMaxPoolSize",
        "ActorScale__Storage__ShardMapFile",
        "ActorScale__Tokens__Key",
        "ActorScale__Tokens__KeyFile",
        "ActorScale__Tokens__PreviousKeysFile",
        "ActorScale__Database__AdminConnectionString",
        "ActorScale__Database__AdminPassword",
        "ActorScale__Database__AdminPasswordFile",
        "ActorScale__Database__OwnerConnectionString",
        "ActorScale__Database__OwnerPassword",
        "ActorScale__Database__OwnerPasswordFile",
        "ActorScale__Database__AppRole",
        "ActorScale__Database__AppPassword",
        "ActorScale__Database__AppPasswordFile",
        "ActorScale__Database__BaselineRole",
        "ActorScale__Database__BaselinePassword",
        "ActorScale__Database__BaselinePasswordFile",
        "ActorScale__Database__ReaderRole",
        "ActorScale__Database__ReaderPassword",
        "ActorScale__Database__ReaderPasswordFile",
    };

    /// <summary>What a silo in the cluster needs; a password or key may come as the value or from its <c>*File</c> twin.</summary>
    public static readonly IReadOnlyList<string> RequiredBySilo =
    [
        "DOTNET_ENVIRONMENT",
        "ActorScale__Cluster__ServiceId",
        "ActorScale__Cluster__ClusterId",
        "ActorScale__Cluster__Redis",
        "ActorScale__Cluster__RedisUser",
        "ActorScale__Cluster__RedisPassword",
        "ActorScale__Cluster__RedisTrustFile",
        "ActorScale__Cluster__Tls__CertificateFile",
        "ActorScale__Cluster__Tls__KeyFile",
        "ActorScale__Cluster__Tls__TrustFile",
        "ActorScale__Silo__Name",
        "ActorScale__Silo__AdvertisedAddress",
        "ActorScale__Silo__SiloPort",
        "ActorScale__Silo__GatewayPort",
        "ActorScale__Silo__ListenOnAnyHostAddress",
        "ActorScale__Storage__Provider",
        "ActorScale__Storage__PostgresConnectionString",
        "ActorScale__Storage__PostgresPassword",
        "ActorScale__Storage__PostgresMaxPoolSize",
        "ActorScale__Tokens__Key",
    ];

    /// <summary>The settings through which a client finds the silos: they must match the silos' own.</summary>
    public static readonly IReadOnlyList<string> SharedByClientAndSilos =
    [
        "ActorScale__Cluster__ServiceId",
        "ActorScale__Cluster__ClusterId",
        "ActorScale__Cluster__Redis",
        "ActorScale__Cluster__RedisTrustFile",
    ];

    public static bool IsSet(IReadOnlyDictionary<string, string> environment, string key) =>
        environment.ContainsKey(key) || ((key.EndsWith("Password", StringComparison.Ordinal) || key.EndsWith("Key", StringComparison.Ordinal)) && environment.ContainsKey(key + "File"));
}
