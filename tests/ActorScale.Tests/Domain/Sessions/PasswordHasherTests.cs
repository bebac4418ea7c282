using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Domain.Sessions;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_RightPassword_True_WrongPassword_False()
    {
        var hash = PasswordHasher.Hash("correct horse", 1000);

        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct horsf", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void Hash_IsSaltedAndRecordsItsIterations()
    {
        var first = PasswordHasher.Hash("same password", 1234);
        var second = PasswordHasher.Hash("same password", 1234);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1234$", first, StringComparison.Ordinal);
        Assert.DoesNotContain("same password", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HashMadeWithOtherIterations_StillVerifies()
    {
        var old = PasswordHasher.Hash("password one", 1000);

        Assert.True(PasswordHasher.Verify("password one", old));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    public void Verify_MalformedStoredHash_FalseNotException(string stored)
    {
        Assert.False(PasswordHasher.Verify("whatever1", stored));
    }

    [Fact]
    public void DefaultIterations_MeetOwasp2023()
    {
        Assert.True(new SessionOptions().PasswordIterations >= 600_000);
    }
}
