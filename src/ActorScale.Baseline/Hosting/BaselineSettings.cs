using System.ComponentModel.DataAnnotations;

namespace ActorScale.Baseline.Hosting;

/// <summary>
/// One baseline server; bound from <c>ActorScale:Baseline</c>. Secrets (passwords, the JWT key) come from the
/// environment or from files, never from committed configuration, and are never logged.
/// </summary>
public sealed class BaselineSettings
{
    public const string Section = "ActorScale:Baseline";

    /// <summary>Command-line switches: <c>--design jwt --port 8090</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--design"] = $"{Section}:{nameof(Design)}",
        ["--port"] = $"{Section}:{nameof(HttpPort)}",
        ["--name"] = $"{Section}:{nameof(Name)}",
    };

    /// <summary><c>redis-session</c>, <c>redis-cache</c>, <c>jwt</c>, <c>jwt-denylist</c>, <c>read-replica</c> or the floor <c>noop</c> (see <see cref="ActorScale.Hosting.BaselineDesigns"/>). Required.</summary>
    [Required]
    [RegularExpression("^(redis-session|redis-cache|jwt|jwt-denylist|read-replica|noop)$", ErrorMessage = "ActorScale:Baseline:Design must be redis-session, redis-cache, jwt, jwt-denylist, read-replica or noop")]
    public string Design { get; set; } = "";

    /// <summary>The name health answers carry. Default <c>baseline</c>.</summary>
    [Required]
    public string Name { get; set; } = "baseline";

    /// <summary>The address the HTTP API listens on. Default <c>127.0.0.1</c>.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The HTTP API's port. Default 8090.</summary>
    [Range(1, 65535)]
    public int HttpPort { get; set; } = 8090;

    /// <summary>The management port: Prometheus-format metrics at <c>/metrics</c> on <see cref="Address"/>, and nothing else. Default 0: off.</summary>
    [Range(0, 65535)]
    public int MetricsPort { get; set; }

    /// <summary>Redis <c>host:port</c> (sessions, denylist). Required.</summary>
    [Required]
    public string Redis { get; set; } = "";

    /// <summary>The Redis ACL user (<c>baseline</c> where the launcher writes the users); empty: the default user.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "ActorScale:Baseline:RedisUser must be 1 to 64 letters, digits, '.', '_' or '-'")]
    public string? RedisUser { get; set; }

    public string? RedisPassword { get; set; }

    public string? RedisPasswordFile { get; set; }

    /// <summary>PostgreSQL (accounts, carts, orders) without the password. Required.</summary>
    [Required]
    public string PostgresConnectionString { get; set; } = "";

    public string? PostgresPassword { get; set; }

    public string? PostgresPasswordFile { get; set; }

    /// <summary>
    /// Further PostgreSQL shards, without the password (the same role and password as
    /// <see cref="PostgresConnectionString"/>, which is shard 0). A user's rows live on the shard their key hashes to
    /// (<c>ShardHash</c>), as the silos place grain state; every shard has the baseline schema. Default: none.
    /// </summary>
    public List<string> PostgresShards { get; set; } = [];

    /// <summary>
    /// <c>read-replica</c>: where cart reads go (a streaming replica), without the password; required by that design and
    /// unused by the others. Changes and their reads-before-write still go to <see cref="PostgresConnectionString"/>.
    /// </summary>
    public string? PostgresReadConnectionString { get; set; }

    public string? PostgresReadPassword { get; set; }

    public string? PostgresReadPasswordFile { get; set; }

    /// <summary>Connections per server; N servers × this stays below PostgreSQL's <c>max_connections</c>. Default 20.</summary>
    [Range(1, 1000)]
    public int PostgresMaxPoolSize { get; set; } = 20;

    /// <summary>How long <c>redis-cache</c> keeps a cart nobody reads or changes. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CartCacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The HMAC-SHA256 key of the JWT designs (at least 32 bytes of text), or a file holding it.</summary>
    public string? JwtKey { get; set; }

    public string? JwtKeyFile { get; set; }

    /// <summary>The role <c>migrate</c> grants the baseline tables to (the servers' role, not the silos'). Default <c>actorscale_baseline</c>.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string AppRole { get; set; } = "actorscale_baseline";

    /// <summary>The read-only role <c>migrate</c> lets read the baseline tables (inspection); empty: none. Default <c>actorscale_reader</c>.</summary>
    [RegularExpression("^([a-z_][a-z0-9_]{0,62})?$")]
    public string ReaderRole { get; set; } = "actorscale_reader";

    /// <summary>Keeps secrets out of logs.</summary>
    public override string ToString() => $"BaselineSettings {{ Design = {Design}, Name = {Name}, Http = {Address}:{HttpPort}, Redis = {Redis} }}";
}
