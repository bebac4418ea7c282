namespace ActorScale.Http.Responses;

/// <summary>A health answer: <c>live</c> or <c>ready</c>, and the process that gave it (a silo or a baseline server; the member is named <c>silo</c> for both).</summary>
public sealed record HealthResponse(string Status, string Silo);
