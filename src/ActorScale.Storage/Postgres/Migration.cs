namespace ActorScale.Storage.Postgres;

/// <summary>One numbered schema migration (<c>Migrations/NNNN_name.sql</c>, embedded in this assembly).</summary>
public sealed record Migration(int Version, string Name, string Sql);
