using System.Collections.Immutable;

namespace ActorScale.Lab.Chaos;

/// <summary>
/// One operation of one virtual user, after it became definite. Times are seconds since the run started.
/// Operations of a user are recorded in the order the user issued them (a user waits for each before the next).
/// </summary>
public sealed record LedgerEntry
{
    public required string User { get; init; }

    public required OperationKind Kind { get; init; }

    public required Guid OperationId { get; init; }

    public string? Sku { get; init; }

    public int Quantity { get; init; }

    public required Outcome Outcome { get; init; }

    public int Attempts { get; init; } = 1;

    public double Start { get; init; }

    public double End { get; init; }

    /// <summary>When the first failed attempt happened, if any.</summary>
    public double? FirstFailure { get; init; }

    public string? Error { get; init; }

    /// <summary>The token a login issued, or the token a logout / revoke-all / validate used.</summary>
    public string? Token { get; init; }

    /// <summary>Checkout: the order id and lines acknowledged.</summary>
    public string? OrderId { get; init; }

    public ImmutableDictionary<string, int>? OrderLines { get; init; }

    /// <summary>Validate: the status seen; Read: whether the cart matched every earlier acknowledged change.</summary>
    public string? Observation { get; init; }

    public bool FirstTry => Outcome == Outcome.Ok && Attempts == 1;
}
