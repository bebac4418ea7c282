using ActorScale.Baseline.Sessions;

namespace ActorScale.Tests.Baseline.Sessions;

public sealed class DenylistKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenTtl_LiveToken_IsItsRemainingLifetime()
    {
        Assert.Equal(TimeSpan.FromMinutes(90), DenylistKeys.TokenTtl(Now.AddMinutes(90), Now));
    }

    [Fact]
    public void TokenTtl_ExpiredToken_IsNull_NothingToDeny()
    {
        Assert.Null(DenylistKeys.TokenTtl(Now, Now));
        Assert.Null(DenylistKeys.TokenTtl(Now.AddSeconds(-1), Now));
    }

    [Theory]
    [InlineData(1000, null, false)]
    [InlineData(1000, 999L, false)]
    [InlineData(1000, 1000L, true)]
    [InlineData(1000, 2000L, true)]
    public void IsRevokedBy_CreatedAtOrBeforeNotBefore_IsRevoked(long createdAtMs, long? notBeforeMs, bool revoked)
    {
        Assert.Equal(revoked, DenylistKeys.IsRevokedBy(createdAtMs, notBeforeMs));
    }

    [Fact]
    public void Keys_PerTokenAndPerUser_AreDistinct()
    {
        var keys = new[] { DenylistKeys.Token("abc"), DenylistKeys.NotBefore("abc"), DenylistKeys.Issued("abc"), RedisSessionKeys.Session("abc"), RedisSessionKeys.UserSessions("abc") };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
