namespace ActorScale.Grains.Sessions;

/// <summary>A live session: the token's secret digest, never the secret.</summary>
[GenerateSerializer, Alias("actorscale.state.session")]
public sealed class SessionRecord
{
    [Id(0)]
    public string Digest { get; set; } = "";

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(2)]
    public DateTimeOffset ExpiresAt { get; set; }

    [Id(3)]
    public DateTimeOffset LastSeenAt { get; set; }
}
