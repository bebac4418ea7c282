namespace ActorScale.Storage.Postgres;

/// <summary>
/// The database and its roles, one per purpose: the owner runs migrations, the application role is what silos use, the
/// baseline role what the stateless baseline's servers use, the reader role inspects (the chaos check, <c>cluster
/// status</c>) and can change nothing. The baseline and reader roles are made only when their password is given.
/// </summary>
public sealed record DatabaseRoles(string Database, string OwnerRole, string OwnerPassword, string AppRole, string AppPassword)
{
    public const string DefaultDatabase = "actorscale";
    public const string DefaultOwnerRole = "actorscale_owner";
    public const string DefaultAppRole = "actorscale_app";
    public const string DefaultBaselineRole = "actorscale_baseline";
    public const string DefaultReaderRole = "actorscale_reader";

    public string BaselineRole { get; init; } = DefaultBaselineRole;

    public string? BaselinePassword { get; init; }

    public string ReaderRole { get; init; } = DefaultReaderRole;

    public string? ReaderPassword { get; init; }

    /// <summary>Keeps the passwords out of logs and exception messages.</summary>
    public override string ToString() => $"DatabaseRoles {{ Database = {Database}, OwnerRole = {OwnerRole}, AppRole = {AppRole}, BaselineRole = {BaselineRole}, ReaderRole = {ReaderRole} }}";
}
