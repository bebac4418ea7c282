namespace ActorScale.Grains;

/// <summary>
/// The keyed <see cref="TimeProvider"/> the grains read the time from. Keyed so that tests can move the grains' clock
/// without moving Orleans' own (membership, timers), which resolves the unkeyed one.
/// </summary>
public static class GrainTime
{
    public const string Key = "actorscale";
}
