using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Domain.Sessions;

public sealed class SessionTokenTests
{
    [Fact]
    public void NewToken_FormatsAndParsesBack_WithUserAndSecret()
    {
        var token = TokenSecrets.NewToken("alice.b-c_d");

        Assert.True(SessionToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal("alice.b-c_d", parsed.UserId);
        Assert.Equal(token.Secret, parsed.Secret);
        Assert.StartsWith("as1.alice.b-c_d.", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NewToken_HasA256BitSecret_DifferentEachTime()
    {
        var first = TokenSecrets.NewToken("alice");
        var second = TokenSecrets.NewToken("alice");

        Assert.Equal(SessionToken.SecretLength, first.Secret.Length);
        Assert.Equal(32, Convert.FromBase64String(first.Secret.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer as1.alice.0123456789012345678901234567890123456789012")]
    [InlineData("as2.alice.0123456789012345678901234567890123456789012")]
    [InlineData("as1.alice.012345678901234567890123456789012345678901")]
    [InlineData("as1.alice.01234567890123456789012345678901234567890123")]
    [InlineData("as1.alice.012345678901234567890123456789012345678901+")]
    [InlineData("as1..0123456789012345678901234567890123456789012")]
    public void TryParse_Malformed_ReturnsFalse(string? text)
    {
        Assert.False(SessionToken.TryParse(text, out _));
    }

    [Fact]
    public void Digest_IsSha256OfTheSecret_NotTheSecret()
    {
        var token = TokenSecrets.NewToken("alice");

        var digest = TokenSecrets.Digest(token.Secret);

        Assert.NotEqual(token.Secret, digest);
        Assert.Equal(digest, TokenSecrets.Digest(token.Secret));
        Assert.True(TokenSecrets.DigestEquals(digest, TokenSecrets.Digest(token.Secret)));
        Assert.False(TokenSecrets.DigestEquals(digest, TokenSecrets.Digest(TokenSecrets.NewToken("alice").Secret)));
    }
}
