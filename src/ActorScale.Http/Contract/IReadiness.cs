namespace ActorScale.Http.Contract;

/// <summary>What <c>/health/live</c> and <c>/health/ready</c> ask of a server.</summary>
public interface IReadiness
{
    /// <summary>The process's name in health answers (a silo's name, or a baseline server's).</summary>
    string Name { get; }

    /// <summary>Null when the server can serve its users, else one line saying why not.</summary>
    Task<string?> FindProblemAsync(CancellationToken cancellationToken);
}
