using System.ComponentModel.DataAnnotations;

namespace ActorScale.Silo.Hosting;

/// <summary>Where grain state is kept; bound from <c>ActorScale:Storage</c>. Switching provider is configuration only.</summary>
public sealed class StorageSettings
{
    public const string Section = "ActorScale:Storage";

    /// <summary><c>Postgres</c> (the cluster), <c>File</c> (development default: survives restarts) or <c>Memory</c> (lost with the silo).</summary>
    [Required]
    public StorageProvider Provider { get; set; } = StorageProvider.File;

    /// <summary>Folder for <c>File</c> storage. Default <c>.actorscale/dev-storage</c> under the working directory.</summary>
    public string FileDirectory { get; set; } = Path.Combine(".actorscale", "dev-storage");

    /// <summary>Npgsql connection string for the application role, without the password.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The application role's password (or use <see cref="PostgresPasswordFile"/>).</summary>
    public string? PostgresPassword { get; set; }

    /// <summary>A file holding the application role's password.</summary>
    public string? PostgresPasswordFile { get; set; }

    /// <summary>
    /// A shard map file (<c>ActorScale.Storage.Sharding.ShardMap</c>, written by <c>cluster up</c> and <c>db reshard</c>):
    /// with it, users' state is spread over the PostgreSQL servers it lists, by a hash of the user, and the silo follows
    /// the file as it changes. Without it (default), the one server of <see cref="PostgresConnectionString"/>.
    /// </summary>
    public string? ShardMapFile { get; set; }

    /// <summary>
    /// Connections per silo. Default 20: N silos × this must stay below PostgreSQL's max_connections (100 by default),
    /// and on our 2-core machines 20 gave 2.6× the throughput of Npgsql's default of 100 when 500 grains wrote at once
    /// (2 silos; with 100 the writes hit PostgreSQL's "too many clients").
    /// </summary>
    [Range(1, 1000)]
    public int PostgresMaxPoolSize { get; set; } = 20;

    /// <summary>These settings with one shard's server (from the shard map, without password) in place of <see cref="PostgresConnectionString"/>.</summary>
    public StorageSettings ForShard(string shard) => new()
    {
        Provider = StorageProvider.Postgres,
        PostgresConnectionString = shard,
        PostgresPassword = PostgresPassword,
        PostgresPasswordFile = PostgresPasswordFile,
        PostgresMaxPoolSize = PostgresMaxPoolSize,
        ShardMapFile = ShardMapFile,
    };
}
