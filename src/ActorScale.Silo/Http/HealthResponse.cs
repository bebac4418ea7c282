namespace ActorScale.Silo.Http;

/// <summary>A health answer: <c>live</c> or <c>ready</c>, and the silo that gave it.</summary>
public sealed record HealthResponse(string Status, string Silo);
