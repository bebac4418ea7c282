using ActorScale.Domain.Sessions;

namespace ActorScale.Domain.Sessions;

/// <summary>A session that ended early (logout, revoke-all, eviction, idle timeout).</summary>
public sealed class EndedSessionRecord
{
    public string Digest { get; set; } = "";

    /// <summary><see cref="TokenStatus.Revoked"/> or <see cref="TokenStatus.Expired"/>.</summary>
    public TokenStatus Reason { get; set; }

    /// <summary>The original absolute expiry; after it the record is pruned.</summary>
    public DateTimeOffset KeepUntil { get; set; }
}
