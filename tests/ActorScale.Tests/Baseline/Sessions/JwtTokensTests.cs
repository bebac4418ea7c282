using ActorScale.Abstractions.Sessions;
using ActorScale.Baseline.Sessions;
using ActorScale.Domain.Sessions;

namespace ActorScale.Tests.Baseline.Sessions;

public sealed class JwtTokensTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private static readonly DateTimeOffset Login = new(2026, 11, 27, 12, 0, 0, 123, TimeSpan.Zero);
    private static readonly JwtSession Session = new("alice", "jti-1", Login, JwtTokens.ExpiryOf(Login, TimeSpan.FromHours(24)), 3);

    [Fact]
    public async Task Validate_IssuedToken_ReturnsItsSession()
    {
        var tokens = new JwtTokens(Key);

        var check = await tokens.ValidateAsync(tokens.Issue(Session), Login.AddMinutes(5));

        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal(Session, check.Session);
    }

    [Fact]
    public async Task Validate_AtExpiry_IsExpired()
    {
        var tokens = new JwtTokens(Key);

        var check = await tokens.ValidateAsync(tokens.Issue(Session), Session.ExpiresAt);

        Assert.Equal(TokenStatus.Expired, check.Status);
    }

    [Fact]
    public async Task Validate_SignedWithAnotherKey_IsInvalid()
    {
        var token = new JwtTokens(Key.Replace('0', 'x')).Issue(Session);

        var check = await new JwtTokens(Key).ValidateAsync(token, Login);

        Assert.Equal((TokenStatus.Invalid, (JwtSession?)null), (check.Status, check.Session));
    }

    [Fact]
    public async Task Validate_PayloadChanged_IsInvalid()
    {
        var tokens = new JwtTokens(Key);
        var parts = tokens.Issue(Session).Split('.');
        var forged = tokens.Issue(Session with { UserId = "mallory" }).Split('.')[1];

        var check = await tokens.ValidateAsync($"{parts[0]}.{forged}.{parts[2]}", Login);

        Assert.Equal(TokenStatus.Invalid, check.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("as1.alice.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")]
    public async Task Validate_NotOurJwt_IsInvalid(string token)
    {
        var check = await new JwtTokens(Key).ValidateAsync(token, Login);

        Assert.Equal(TokenStatus.Invalid, check.Status);
    }

    [Fact]
    public void Constructor_KeyShorterThan256Bits_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new JwtTokens("too short"));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiryOf_Lifetime_IsWholeSeconds()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), JwtTokens.ExpiryOf(Login, TimeSpan.FromHours(24)));
    }
}
