namespace ActorScale.Domain.Sessions;

/// <summary>A live session: the token's secret digest, never the secret.</summary>
public sealed class SessionRecord
{
    public string Digest { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}
