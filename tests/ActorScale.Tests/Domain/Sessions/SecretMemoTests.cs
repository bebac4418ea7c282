using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Domain.Sessions;

/// <summary>The fixed-size memo in front of a token's MAC check and a secret's digest.</summary>
public sealed class SecretMemoTests
{
    [Fact]
    public void SameText_ComputedOnce_EvenFromAnotherStringObject()
    {
        var memo = new SecretMemo<string>();
        var calls = 0;
        string Compute(string text)
        {
            calls++;
            return text.ToUpperInvariant();
        }

        Assert.Equal("SECRET-1", memo.GetOrAdd("secret-1", Compute));
        Assert.Equal("SECRET-1", memo.GetOrAdd(new string("secret-1".AsSpan()), Compute));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void OneSlot_TheNewestTextWins_AndNoTextGetsAnotherTextsValue()
    {
        var memo = new SecretMemo<string>(slots: 1);
        var calls = 0;
        string Compute(string text)
        {
            calls++;
            return $"value of {text}";
        }

        Assert.Equal("value of a", memo.GetOrAdd("a", Compute));
        Assert.Equal("value of b", memo.GetOrAdd("b", Compute));
        Assert.Equal("value of a", memo.GetOrAdd("a", Compute));
        Assert.Equal("value of ab", memo.GetOrAdd("ab", Compute));
        Assert.Equal(4, calls);
    }

    [Fact]
    public void Digest_IsTheSameWithAndWithoutTheMemo()
    {
        var secret = TokenSecrets.NewToken("alice").Secret;

        var first = TokenSecrets.Digest(secret);

        Assert.Equal(first, TokenSecrets.Digest(new string(secret.AsSpan())));
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret))), first);
        Assert.NotEqual(first, TokenSecrets.Digest(TokenSecrets.NewToken("alice").Secret));
    }
}
