using ActorScale.Abstractions.Sessions;

namespace ActorScale.Grains.Sessions;

/// <summary>A session that ended early (logout, revoke-all, eviction, idle timeout).</summary>
[GenerateSerializer, Alias("actorscale.state.ended-session")]
public sealed class EndedSessionRecord
{
    [Id(0)]
    public string Digest { get; set; } = "";

    /// <summary><see cref="TokenStatus.Revoked"/> or <see cref="TokenStatus.Expired"/>.</summary>
    [Id(1)]
    public TokenStatus Reason { get; set; }

    /// <summary>The original absolute expiry; after it the record is pruned.</summary>
    [Id(2)]
    public DateTimeOffset KeepUntil { get; set; }
}
