namespace ActorScale.Silo.Http;

/// <summary>The answer of <c>/silo/routing</c>.</summary>
public sealed record SiloRouting(string Silo, long Local, long Forwarded, long Migrations);
