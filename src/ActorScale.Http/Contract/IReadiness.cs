namespace ActorScale.Http.Contract;

/// <summary>What <c>/health/live</c> and <c>/health/ready</c> ask of a server.</summary>
public interface IReadiness
{
    /// <summary>The process's name in health answers (a silo's name, or a baseline server's).</summary>
    string Name { get; }

    /// <summary>
    /// Null while the server may answer API requests at all, else the one line every API request is refused with
    /// (503, so a balancer tries another server). Called on every request: it must be cheap.
    /// </summary>
    string? Refusal();

    /// <summary>Null when the server can serve its users, else one line saying why not.</summary>
    Task<string?> FindProblemAsync(CancellationToken cancellationToken);
}
