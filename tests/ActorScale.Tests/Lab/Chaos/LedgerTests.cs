using ActorScale.Lab.Chaos;

namespace ActorScale.Tests.Lab.Chaos;

public sealed class LedgerTests
{
    [Fact]
    public void FailedAttemptsBetween_CountsOnlyTheWindow_ByCause()
    {
        var ledger = new Ledger();
        ledger.FailedAttempt(1.0, "Add: Unavailable");
        ledger.FailedAttempt(5.0, "Add: HttpRequestException");
        ledger.FailedAttempt(5.5, "Add: HttpRequestException");
        ledger.FailedAttempt(6.0, "Login: TooManyRequests");
        ledger.FailedAttempt(9.0, "Add: Unavailable");

        var window = ledger.FailedAttemptsBetween(5.0, 6.0);

        Assert.Equal(new Dictionary<string, long> { ["Add: HttpRequestException"] = 2, ["Login: TooManyRequests"] = 1 }, window);
        Assert.Equal(5, ledger.FailedAttempts);
        Assert.Equal(2, ledger.FailedAttemptsByError["Add: Unavailable"]);
    }
}
