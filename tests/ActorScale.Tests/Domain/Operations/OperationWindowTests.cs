using ActorScale.Domain.Errors;
using ActorScale.Domain.Operations;

namespace ActorScale.Tests.Domain.Operations;

public sealed class OperationWindowTests
{
    [Fact]
    public void Find_RecordedId_ReturnsItsOutcome()
    {
        var window = new List<OperationRecord>();
        var intent = OperationIntent.Of(Guid.NewGuid(), "checkout");

        OperationWindow.Record(window, 10, intent, 7, "ord-000001");

        var found = OperationWindow.Find(window, intent);
        Assert.NotNull(found);
        Assert.Equal(7, found.Version);
        Assert.Equal("ord-000001", found.Result);
        Assert.Null(OperationWindow.Find(window, OperationIntent.Of(Guid.NewGuid(), "checkout")));
    }

    [Fact]
    public void Record_BeyondCapacity_ForgetsTheOldest()
    {
        var window = new List<OperationRecord>();
        var intents = Enumerable.Range(0, 5).Select(_ => OperationIntent.Of(Guid.NewGuid(), "clear")).ToList();

        for (var i = 0; i < intents.Count; i++)
        {
            OperationWindow.Record(window, 3, intents[i], i + 1);
        }

        Assert.Equal(3, window.Count);
        Assert.Null(OperationWindow.Find(window, intents[0]));
        Assert.Null(OperationWindow.Find(window, intents[1]));
        Assert.Equal(5, OperationWindow.Find(window, intents[4])!.Version);
    }

    [Theory]
    [InlineData("add", "lamp-desk", "2")]
    [InlineData("add", "mug", "1")]
    [InlineData("set", "mug", "1")]
    public void Find_SameIdWithAnotherKindOrPayload_IdempotencyKeyReused(string kind, string sku, string quantity)
    {
        var id = Guid.NewGuid();
        var window = new List<OperationRecord>();
        OperationWindow.Record(window, 10, OperationIntent.Of(id, "add", "mug", "2"), 1);

        var error = Assert.Throws<ActorScaleException>(() => OperationWindow.Find(window, OperationIntent.Of(id, kind, sku, quantity)));

        Assert.Equal(ActorScaleErrorCode.IdempotencyKeyReused, error.Code);
    }

    [Fact]
    public void Find_RecordWrittenBeforeFingerprints_MatchesAnyRetry()
    {
        var id = Guid.NewGuid();
        var window = new List<OperationRecord> { new() { Id = id, Version = 3 } };

        Assert.Equal(3, OperationWindow.Find(window, OperationIntent.Of(id, "add", "mug", "2"))!.Version);
    }

    [Fact]
    public void Of_PartsAreLengthPrefixed_SoSplitsDiffer() =>
        Assert.NotEqual(OperationIntent.Of(Guid.Empty, "k", "ab", "c").Fingerprint, OperationIntent.Of(Guid.Empty, "k", "a", "bc").Fingerprint);
}
