namespace ActorScale.Http.Responses;

/// <summary>A registered user: the user id as stored (case-folded).</summary>
public sealed record UserCreatedResponse(string UserId);
