using ActorScale.Hosting;
using ActorScale.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ActorScale.Lab.Database;

/// <summary><c>ActorScale:Database</c>: connections for migrations (owner) and bootstrap (admin); passwords from values or files.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "ActorScale:Database";

    public string? AdminConnectionString { get; set; }

    public string? AdminPassword { get; set; }

    public string? AdminPasswordFile { get; set; }

    public string? OwnerConnectionString { get; set; }

    public string? OwnerPassword { get; set; }

    public string? OwnerPasswordFile { get; set; }

    public string AppRole { get; set; } = DatabaseRoles.DefaultAppRole;

    public string? AppPassword { get; set; }

    public string? AppPasswordFile { get; set; }

    /// <summary>The stateless baseline's role; created only when its password is given.</summary>
    public string BaselineRole { get; set; } = DatabaseRoles.DefaultBaselineRole;

    public string? BaselinePassword { get; set; }

    public string? BaselinePasswordFile { get; set; }

    /// <summary>The read-only inspection role; created (and granted reading) only when its password is given.</summary>
    public string ReaderRole { get; set; } = DatabaseRoles.DefaultReaderRole;

    public string? ReaderPassword { get; set; }

    public string? ReaderPasswordFile { get; set; }

    public static DatabaseSettings FromEnvironment() =>
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(Section).Get<DatabaseSettings>() ?? new DatabaseSettings();

    public string? AdminConnection() => WithPassword(AdminConnectionString, Secret.Read(AdminPassword, AdminPasswordFile, $"{Section}:AdminPassword"));

    public string? OwnerConnection() => WithPassword(OwnerConnectionString, Secret.Read(OwnerPassword, OwnerPasswordFile, $"{Section}:OwnerPassword"));

    public DatabaseRoles Roles()
    {
        var owner = new NpgsqlConnectionStringBuilder(OwnerConnectionString);
        return new DatabaseRoles(
            owner.Database ?? DatabaseRoles.DefaultDatabase,
            owner.Username ?? DatabaseRoles.DefaultOwnerRole,
            Secret.Read(OwnerPassword, OwnerPasswordFile, $"{Section}:OwnerPassword") ?? throw new InvalidOperationException($"{Section}:OwnerPassword is required to create roles"),
            AppRole,
            Secret.Read(AppPassword, AppPasswordFile, $"{Section}:AppPassword") ?? throw new InvalidOperationException($"{Section}:AppPassword is required to create roles"))
        {
            BaselineRole = BaselineRole,
            BaselinePassword = Secret.Read(BaselinePassword, BaselinePasswordFile, $"{Section}:BaselinePassword"),
            ReaderRole = ReaderRole,
            ReaderPassword = Secret.Read(ReaderPassword, ReaderPasswordFile, $"{Section}:ReaderPassword"),
        };
    }

    private static string? WithPassword(string? connectionString, string? password)
    {
        if (connectionString is null)
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (password is not null)
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }
}
