using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using Microsoft.Extensions.Options;

namespace ActorScale.Tests.Domain.Sessions;

public sealed class SessionRulesTests : IDisposable
{
    private const string Password = "correct horse";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionOptions _options = new() { PasswordIterations = 1000 };
    private readonly PasswordGate _passwords;
    private readonly SessionRules _book;
    private readonly UserSessionState _state = new();

    public SessionRulesTests()
    {
        _passwords = new PasswordGate(Options.Create(new AdmissionOptions()), Options.Create(_options));
        _book = new SessionRules(_options, _passwords);
        SessionRules.Register(_state, _passwords.Hash(Password), T0);
    }

    public void Dispose() => _passwords.Dispose();

    [Fact]
    public void Register_Twice_ThrowsUserExists()
    {
        var error = Assert.Throws<ActorScaleException>(() => SessionRules.Register(_state, "another hash", T0));
        Assert.Equal(ActorScaleErrorCode.UserExists, error.Code);
    }

    [Fact]
    public void Login_RightPassword_OpensAValidSessionStoringOnlyTheDigest()
    {
        var login = Login(T0);

        Assert.True(SessionToken.TryParse(login.Token, out var token));
        Assert.Equal("alice", token.UserId);
        Assert.Equal(T0 + _options.AbsoluteLifetime, login.ExpiresAt);
        Assert.Equal(TokenStatus.Valid, _book.Find(_state, token.Secret, T0).Status);
        Assert.DoesNotContain(_state.Sessions, s => s.Digest.Contains(token.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckPassword_UnregisteredUser_FalseAfterTheSameHashAsAWrongPassword()
    {
        var before = _passwords.HashesRun;

        var known = await _book.CheckPasswordAsync(_state, "wrong password");
        var unknown = await _book.CheckPasswordAsync(new UserSessionState(), Password);

        Assert.False(known);
        Assert.False(unknown);
        Assert.Equal(before + 2, _passwords.HashesRun);
    }

    [Fact]
    public async Task CheckPassword_ManyWrongPasswords_NeverLocksTheAccount()
    {
        var state = StateJsonClone();
        for (var i = 0; i < 20; i++)
        {
            Assert.False(await _book.CheckPasswordAsync(_state, "wrong password"));
        }

        Assert.True(await _book.CheckPasswordAsync(_state, Password));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(state), System.Text.Json.JsonSerializer.Serialize(_state));
    }

    [Fact]
    public void Login_BeyondMaxSessions_EvictsTheOldestAsRevoked()
    {
        var first = Secret(Login(T0));
        for (var i = 1; i <= _options.MaxSessionsPerUser; i++)
        {
            Login(T0 + TimeSpan.FromSeconds(i));
        }

        Assert.Equal(_options.MaxSessionsPerUser, _state.Sessions.Count);
        Assert.Equal(TokenStatus.Revoked, _book.Find(_state, first, T0 + TimeSpan.FromMinutes(1)).Status);
    }

    [Fact]
    public void Find_AfterIdleTimeout_Expired_ButTouchSlidesIt()
    {
        var secret = Secret(Login(T0));
        var step = _options.IdleTimeout - TimeSpan.FromMinutes(1);

        var (status, session) = _book.Find(_state, secret, T0 + step);
        Assert.Equal(TokenStatus.Valid, status);
        Assert.True(_book.Touch(session!, T0 + step));
        Assert.Equal(TokenStatus.Valid, _book.Find(_state, secret, T0 + step + step).Status);
        Assert.Equal(TokenStatus.Expired, _book.Find(_state, secret, T0 + step + _options.IdleTimeout).Status);
    }

    [Fact]
    public void Touch_WithinThePersistInterval_DoesNotAskForAWrite()
    {
        var secret = Secret(Login(T0));
        var session = _book.Find(_state, secret, T0).Session!;

        Assert.False(_book.Touch(session, T0 + _options.LastSeenPersistInterval - TimeSpan.FromSeconds(1)));
        Assert.True(_book.Touch(session, T0 + _options.LastSeenPersistInterval));
    }

    [Fact]
    public void Find_PastAbsoluteLifetime_ExpiredEvenWhenActive()
    {
        var secret = Secret(Login(T0));
        var now = T0;
        while (now < T0 + _options.AbsoluteLifetime - _options.IdleTimeout)
        {
            now += TimeSpan.FromMinutes(20);
            _book.Touch(_book.Find(_state, secret, now).Session!, now);
        }

        Assert.Equal(TokenStatus.Expired, _book.Find(_state, secret, T0 + _options.AbsoluteLifetime).Status);
    }

    [Fact]
    public void Prune_MovesExpiredSessionsOutAndForgetsOldEndedOnes()
    {
        var secret = Secret(Login(T0));

        Assert.True(_book.Prune(_state, T0 + _options.IdleTimeout));
        Assert.Empty(_state.Sessions);
        Assert.Equal(TokenStatus.Expired, _book.Find(_state, secret, T0 + _options.IdleTimeout).Status);

        Assert.True(_book.Prune(_state, T0 + _options.AbsoluteLifetime));
        Assert.Empty(_state.Ended);
        Assert.Equal(TokenStatus.Invalid, _book.Find(_state, secret, T0 + _options.AbsoluteLifetime).Status);
    }

    [Fact]
    public void EndAll_RevokesEverySession()
    {
        var a = Secret(Login(T0));
        var b = Secret(Login(T0));

        Assert.Equal(2, _book.EndAll(_state));

        Assert.Equal(TokenStatus.Revoked, _book.Find(_state, a, T0).Status);
        Assert.Equal(TokenStatus.Revoked, _book.Find(_state, b, T0).Status);
    }

    [Fact]
    public void Find_UnknownSecret_Invalid()
    {
        Login(T0);
        Assert.Equal(TokenStatus.Invalid, _book.Find(_state, TokenSecrets.NewToken("alice").Secret, T0).Status);
    }

    private LoginResult Login(DateTimeOffset now)
    {
        Assert.True(_passwords.Verify(Password, _state.PasswordHash));
        return _book.Open(_state, "alice", now);
    }

    private UserSessionState StateJsonClone() =>
        System.Text.Json.JsonSerializer.Deserialize<UserSessionState>(System.Text.Json.JsonSerializer.Serialize(_state))!;

    private static string Secret(LoginResult login)
    {
        Assert.True(SessionToken.TryParse(login.Token, out var token));
        return token.Secret;
    }
}
