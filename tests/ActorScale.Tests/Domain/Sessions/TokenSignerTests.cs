using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Domain.Sessions;

public sealed class TokenSignerTests
{
    private const string OldKey = "old-token-key-0123456789abcdef0123456789";
    private const string NewKey = "new-token-key-0123456789abcdef0123456789";

    [Fact]
    public void Sign_Token_KeepsTheUserReadableAndParsesBackSigned()
    {
        var signer = new TokenSigner(NewKey);
        var unsigned = TokenSecrets.NewToken("alice.b-c_d");

        var text = signer.Sign(unsigned).ToString();

        Assert.StartsWith($"as1.alice.b-c_d.{unsigned.Secret}.{TokenSigner.KeyIdOf(NewKey)}.", text, StringComparison.Ordinal);
        Assert.True(SessionToken.TryParse(text, out var parsed));
        Assert.Equal(("alice.b-c_d", unsigned.Secret, SessionToken.MacLength), (parsed.UserId, parsed.Secret, parsed.Mac!.Length));
        Assert.True(signer.Verify(parsed));
    }

    [Fact]
    public void Verify_AnyPartAltered_IsRefused()
    {
        var signer = new TokenSigner(NewKey);
        var token = signer.Sign(TokenSecrets.NewToken("alice"));
        var otherMac = signer.Sign(TokenSecrets.NewToken("alice")).Mac!;

        Assert.False(signer.Verify(token with { UserId = "alicf" }));
        Assert.False(signer.Verify(token with { Secret = TokenSecrets.NewToken("alice").Secret }));
        Assert.False(signer.Verify(token with { Mac = otherMac }));
        Assert.False(signer.Verify(token with { KeyId = TokenSigner.KeyIdOf(OldKey) }));
        Assert.False(signer.Verify(token with { KeyId = null, Mac = null }));
    }

    [Fact]
    public void Verify_ForgedTokenOfTheRightShape_IsRefused()
    {
        var signer = new TokenSigner(NewKey);
        var forged = $"as1.alice.{TokenSecrets.NewToken("alice").Secret}.{TokenSigner.KeyIdOf(NewKey)}.{new string('A', SessionToken.MacLength)}";

        Assert.True(SessionToken.TryParse(forged, out var parsed));
        Assert.False(signer.Verify(parsed));
    }

    [Fact]
    public void Verify_TokenOfAnotherKey_IsRefused()
    {
        var token = new TokenSigner(OldKey).Sign(TokenSecrets.NewToken("alice"));

        Assert.False(new TokenSigner(NewKey).Verify(token));
    }

    [Fact]
    public void Verify_OldKeyInPreviousKeys_AcceptedUntilRemoved()
    {
        var issuedBefore = new TokenSigner(OldKey).Sign(TokenSecrets.NewToken("alice"));
        var rotated = new TokenSigner(NewKey, [OldKey]);
        var retired = new TokenSigner(NewKey);

        Assert.True(rotated.Verify(issuedBefore));
        Assert.Equal(TokenSigner.KeyIdOf(NewKey), rotated.Sign(TokenSecrets.NewToken("alice")).KeyId);
        Assert.False(retired.Verify(issuedBefore));
    }

    [Fact]
    public void KeyIdOf_DifferentKeys_DifferAndDoNotContainTheKey()
    {
        Assert.NotEqual(TokenSigner.KeyIdOf(OldKey), TokenSigner.KeyIdOf(NewKey));
        Assert.Equal(SessionToken.KeyIdLength, TokenSigner.KeyIdOf(NewKey).Length);
        Assert.DoesNotContain(TokenSigner.KeyIdOf(NewKey), NewKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890")]
    public void Constructor_KeyShorterThan32Characters_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new TokenSigner(key));
        Assert.Throws<ArgumentException>(() => new TokenSigner(NewKey, [key]));
    }

    [Theory]
    [InlineData("as1.alice.0123456789012345678901234567890123456789012.abcdefgh.012345678901234567890")]
    [InlineData("as1.alice.0123456789012345678901234567890123456789012.abcdefg.0123456789012345678901")]
    [InlineData("as1.alice.012345678901234567890123456789012345678901.abcdefgh.0123456789012345678901")]
    [InlineData("as1..0123456789012345678901234567890123456789012.abcdefgh.0123456789012345678901")]
    [InlineData("as1.alice.0123456789012345678901234567890123456789012.abcdefgh.012345678901234567890+")]
    public void TryParse_MalformedSignedToken_ReturnsFalse(string text)
    {
        Assert.False(SessionToken.TryParse(text, out _));
    }
    [Fact]
    public void Check_SaysWhatTheTextIs_AndAnswersTheSameTheSecondTime()
    {
        var signer = new TokenSigner(NewKey);
        var issued = signer.Sign(TokenSecrets.NewToken("alice")).ToString();
        var forged = issued[..^SessionToken.MacLength] + new string('A', SessionToken.MacLength);

        foreach (var round in new[] { 1, 2 })
        {
            Assert.Equal((true, true, "alice"), (signer.Check(issued).IsToken, signer.Check(issued).IsIssued, signer.Check(issued).Token.UserId));
            Assert.Equal((true, false), (signer.Check(forged).IsToken, signer.Check(forged).IsIssued));
            Assert.Equal((false, false), (signer.Check("not-a-token").IsToken, signer.Check("not-a-token").IsIssued));
            Assert.False(signer.Check(null).IsToken);
            Assert.False(signer.Check(new string('a', SessionToken.MaxLength + 1)).IsToken);
        }

        // A memo hit needs the whole text: a copy of the issued token (another string object) is issued, one character
        // off is not.
        Assert.True(signer.Check(new string(issued.AsSpan())).IsIssued);
        Assert.False(signer.Check(issued[..^1] + (issued[^1] == 'B' ? 'C' : 'B')).IsIssued);
    }

    [Fact]
    public void Check_TokenOfARemovedKey_IsNotIssuedByTheNewSigner()
    {
        var issuedBefore = new TokenSigner(OldKey).Sign(TokenSecrets.NewToken("alice")).ToString();
        var rotated = new TokenSigner(NewKey, [OldKey]);
        var retired = new TokenSigner(NewKey);

        Assert.True(rotated.Check(issuedBefore).IsIssued);
        Assert.False(retired.Check(issuedBefore).IsIssued);
    }
}
