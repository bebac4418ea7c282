using System.Collections.Immutable;
using ActorScale.Lab.Chaos;

namespace ActorScale.Tests.Lab.Chaos;

/// <summary>The chaos checker must pass a faithful history and catch every doctored one.</summary>
public sealed class LedgerCheckerTests
{
    private const string User = "u1";
    private const string Token1 = "t1";
    private const string Token2 = "t2";

    [Fact]
    public void FaithfulHistory_Passes()
    {
        var result = LedgerChecker.Check(History(), Of(Seen()), Forged("Invalid"));

        Assert.True(result.Passed, string.Join("\n", result.Violations));
    }

    [Fact]
    public void AcknowledgedAddMissing_ReportsALoss()
    {
        var result = LedgerChecker.Check(History(), Of(Seen(grainCart: Cart(("a", 2)), grainVersion: 3)), Forged("Invalid"));

        Assert.Equal(1, result.Lost);
        Assert.False(result.Passed);
    }

    [Fact]
    public void AddAppliedTwice_ReportsADuplicate()
    {
        var result = LedgerChecker.Check(History(), Of(Seen(grainCart: Cart(("a", 2), ("b", 6)), grainVersion: 5)), Forged("Invalid"));

        Assert.Equal(1, result.Duplicated);
    }

    [Fact]
    public void PostgresDisagreesWithTheGrain_ReportsALoss()
    {
        var result = LedgerChecker.Check(History(), Of(Seen(storedCart: Cart(("a", 2)), storedVersion: 3)), Forged("Invalid"));

        Assert.Equal(1, result.Lost);
    }

    [Fact]
    public void RevokedTokenStillValidOnAGateway_ReportsAResurrection()
    {
        var statuses = ImmutableDictionary<string, ImmutableList<string>>.Empty
            .Add(Token1, ["Revoked", "Valid", "Revoked"])
            .Add(Token2, ["Valid", "Valid", "Valid"]);

        var result = LedgerChecker.Check(History(), Of(Seen(tokens: statuses)), Forged("Invalid"));

        Assert.Equal(1, result.Resurrected);
    }

    [Fact]
    public void ValidationDuringTheRunSawARevokedTokenValid_ReportsAResurrection()
    {
        var history = History().Add(Entry(OperationKind.Validate, token: Token1, observation: "Valid"));

        var result = LedgerChecker.Check(history, Of(Seen()), Forged("Invalid"));

        Assert.Equal(1, result.Resurrected);
    }

    [Fact]
    public void NeverIssuedTokenAccepted_Reported()
    {
        var result = LedgerChecker.Check(History(), Of(Seen()), Forged("Invalid", "Valid"));

        Assert.Equal(1, result.UnissuedValid);
    }

    [Fact]
    public void AcknowledgedSessionGone_ReportsALostSession()
    {
        var statuses = ImmutableDictionary<string, ImmutableList<string>>.Empty
            .Add(Token1, ["Revoked"])
            .Add(Token2, ["Invalid"]);

        var result = LedgerChecker.Check(History(), Of(Seen(tokens: statuses)), Forged("Invalid"));

        Assert.Equal(1, result.LostSessions);
    }

    [Fact]
    public void AcknowledgedOrderMissing_ReportsALoss_AndAnExtraOrderADuplicate()
    {
        var history = History().Add(Entry(OperationKind.Checkout, orderId: "ord-000001", orderLines: Cart(("a", 2), ("b", 3))));
        var after = Seen(grainCart: Cart(), grainVersion: 5, storedCart: Cart(), storedVersion: 5, storedOrders: ["ord-000001"]);

        var missing = LedgerChecker.Check(history, Of(after), Forged("Invalid"));
        var doubled = LedgerChecker.Check(history, Of(after with { GrainOrders = [("ord-000001", Cart(("a", 2), ("b", 3))), ("ord-000002", Cart(("a", 2), ("b", 3)))] }), Forged("Invalid"));
        var faithful = LedgerChecker.Check(history, Of(after with { GrainOrders = [("ord-000001", Cart(("a", 2), ("b", 3)))] }), Forged("Invalid"));

        Assert.Equal(1, missing.Lost);
        Assert.Equal(1, doubled.Duplicated);
        Assert.True(faithful.Passed, string.Join("\n", faithful.Violations));
    }

    [Fact]
    public void StaleRead_AndUnresolvedOperation_AreReported()
    {
        var history = History()
            .Add(Entry(OperationKind.Read, observation: "read version 2 with 1 lines, expected version 4 with 2"))
            .Add(Entry(OperationKind.Add, sku: "c", quantity: 1, outcome: Outcome.Unknown));

        var result = LedgerChecker.Check(history, Of(Seen()), Forged("Invalid"));

        Assert.Equal(1, result.StaleReads);
        Assert.Equal(1, result.Unresolved);
    }

    /// <summary>Login t1, add a×2, add b×3, set b×3 (again), logout t1, login t2: cart {a×2, b×3} at version 3... plus a definite failure that changes nothing.</summary>
    private static ImmutableList<LedgerEntry> History() =>
    [
        Entry(OperationKind.Register),
        Entry(OperationKind.Login, token: Token1),
        Entry(OperationKind.Add, sku: "a", quantity: 2),
        Entry(OperationKind.Add, sku: "b", quantity: 3),
        Entry(OperationKind.Remove, sku: "zzz", outcome: Outcome.Failed),
        Entry(OperationKind.Set, sku: "b", quantity: 3),
        Entry(OperationKind.Read, observation: "match"),
        Entry(OperationKind.Logout, token: Token1),
        Entry(OperationKind.Login, token: Token2),
        Entry(OperationKind.Set, sku: "b", quantity: 3),
        Entry(OperationKind.Validate, token: Token1, observation: "Revoked"),
    ];

    private static ObservedUser Seen(
        ImmutableDictionary<string, int>? grainCart = null,
        int grainVersion = 4,
        ImmutableDictionary<string, int>? storedCart = null,
        int storedVersion = 4,
        ImmutableList<string>? storedOrders = null,
        ImmutableDictionary<string, ImmutableList<string>>? tokens = null) => new(
            User,
            grainCart ?? Cart(("a", 2), ("b", 3)),
            grainVersion,
            [],
            storedCart ?? Cart(("a", 2), ("b", 3)),
            storedVersion,
            storedOrders ?? [],
            tokens ?? ImmutableDictionary<string, ImmutableList<string>>.Empty.Add(Token1, ["Revoked", "Revoked"]).Add(Token2, ["Valid", "Valid"]));

    private static Dictionary<string, ObservedUser> Of(ObservedUser user) => new() { [User] = user };

    private static Dictionary<string, ImmutableList<string>> Forged(params string[] statuses) => new() { [User] = [.. statuses] };

    private static ImmutableDictionary<string, int> Cart(params (string Sku, int Quantity)[] lines) => lines.ToImmutableDictionary(l => l.Sku, l => l.Quantity);

    private static LedgerEntry Entry(
        OperationKind kind,
        string? sku = null,
        int quantity = 0,
        Outcome outcome = Outcome.Ok,
        string? token = null,
        string? observation = null,
        string? orderId = null,
        ImmutableDictionary<string, int>? orderLines = null) => new()
        {
            User = User,
            Kind = kind,
            OperationId = Guid.NewGuid(),
            Sku = sku,
            Quantity = quantity,
            Outcome = outcome,
            Token = token,
            Observation = observation,
            OrderId = orderId,
            OrderLines = orderLines,
        };
}
