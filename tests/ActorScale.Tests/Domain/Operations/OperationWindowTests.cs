using ActorScale.Domain.Operations;

namespace ActorScale.Tests.Domain.Operations;

public sealed class OperationWindowTests
{
    [Fact]
    public void Find_RecordedId_ReturnsItsOutcome()
    {
        var window = new List<OperationRecord>();
        var id = Guid.NewGuid();

        OperationWindow.Record(window, 10, id, 7, "ord-000001");

        var found = OperationWindow.Find(window, id);
        Assert.NotNull(found);
        Assert.Equal(7, found.Version);
        Assert.Equal("ord-000001", found.Result);
        Assert.Null(OperationWindow.Find(window, Guid.NewGuid()));
    }

    [Fact]
    public void Record_BeyondCapacity_ForgetsTheOldest()
    {
        var window = new List<OperationRecord>();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        for (var i = 0; i < ids.Count; i++)
        {
            OperationWindow.Record(window, 3, ids[i], i + 1);
        }

        Assert.Equal(3, window.Count);
        Assert.Null(OperationWindow.Find(window, ids[0]));
        Assert.Null(OperationWindow.Find(window, ids[1]));
        Assert.Equal(5, OperationWindow.Find(window, ids[4])!.Version);
    }
}
