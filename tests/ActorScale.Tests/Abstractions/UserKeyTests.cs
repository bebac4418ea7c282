using System.Globalization;
using ActorScale.Abstractions;

namespace ActorScale.Tests.Abstractions;

public sealed class UserKeyTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("0ab")]
    [InlineData("cafe")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public void For_HexLookingUserIds_NeverParseAsHexOrGuid(string user)
    {
        var key = UserKey.For(user);

        Assert.False(long.TryParse(key.Split('+')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _));
        Assert.False(Guid.TryParse(key, out _));
        Assert.Equal(user, UserKey.UserIdOf(key));
    }

    [Fact]
    public void For_CaseFoldsSoBothSpellingsReachOneGrain()
    {
        Assert.Equal(UserKey.For("alice"), UserKey.For("Alice"));
        Assert.Equal(UserKey.For("alice"), UserKey.For(" ALICE "));
    }
}
