namespace ActorScale.Abstractions;

/// <summary>A grain that can say which silo serves it (diagnostics: demo, chaos, tests).</summary>
public interface ILocatableGrain : IGrain
{
    /// <summary>The silo hosting this activation; activates the grain if needed, changes nothing.</summary>
    Task<GrainLocation> LocateAsync();
}
