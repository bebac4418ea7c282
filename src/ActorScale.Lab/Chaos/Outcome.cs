namespace ActorScale.Lab.Chaos;

/// <summary>How an operation ended once its retries stopped.</summary>
public enum Outcome
{
    /// <summary>Acknowledged.</summary>
    Ok,

    /// <summary>Definitely refused (a non-transient error): it changed nothing.</summary>
    Failed,

    /// <summary>Still unknown when the retry deadline passed: it may or may not have happened.</summary>
    Unknown,
}
