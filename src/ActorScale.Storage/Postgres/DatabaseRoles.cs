namespace ActorScale.Storage.Postgres;

/// <summary>The database and its two roles: the owner runs migrations, the application role is what silos use.</summary>
public sealed record DatabaseRoles(string Database, string OwnerRole, string OwnerPassword, string AppRole, string AppPassword)
{
    public const string DefaultDatabase = "actorscale";
    public const string DefaultOwnerRole = "actorscale_owner";
    public const string DefaultAppRole = "actorscale_app";

    /// <summary>Keeps the passwords out of logs and exception messages.</summary>
    public override string ToString() => $"DatabaseRoles {{ Database = {Database}, OwnerRole = {OwnerRole}, AppRole = {AppRole} }}";
}
