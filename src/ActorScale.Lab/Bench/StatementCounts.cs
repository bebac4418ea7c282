namespace ActorScale.Lab.Bench;

/// <summary>PostgreSQL statements in a window, by kind.</summary>
public sealed record StatementCounts(long Reads, long Writes, long Control)
{
    public long Total => Reads + Writes + Control;
}
