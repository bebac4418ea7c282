using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using ActorScale.Tests.Support;

namespace ActorScale.Tests.Grains.Users;

[Collection(GrainClusterCollection.Name)]
public sealed class SessionGrainTests(GrainClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;
    private readonly SessionOptions _defaults = new();
    private readonly AdmissionOptions _limits = new();

    [Fact]
    public async Task Login_ThenValidate_ReturnsUserAndExpiry()
    {
        var (user, token) = await _client.SignUpAsync();

        var check = await _client.Session(user).ValidateAsync(token);

        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal(user, check.UserId);
        Assert.Equal(GrainClusterFixture.Clock.GetUtcNow() + _defaults.AbsoluteLifetime, check.ExpiresAt);
    }

    [Fact]
    public async Task Register_ExistingUser_UserExists_ButReplayOfTheSameOperationSucceeds()
    {
        var user = TestUsers.NewId();
        var operation = Guid.NewGuid();
        await _client.Session(user).RegisterAsync(TestUsers.Password, operation);

        await _client.Session(user).RegisterAsync(TestUsers.Password, operation);
        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).RegisterAsync("another password", Guid.NewGuid()));

        Assert.Equal(ActorScaleErrorCode.UserExists, error.Code);
        await _client.Session(user).LoginAsync(TestUsers.Password);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("has space")]
    public async Task Register_BadUserId_InvalidUserId(string user)
    {
        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).RegisterAsync(TestUsers.Password, Guid.NewGuid()));
        Assert.Equal(ActorScaleErrorCode.InvalidUserId, error.Code);
    }

    [Fact]
    public async Task Register_ShortPassword_InvalidPassword_AndNoAccountCreated()
    {
        var user = TestUsers.NewId();

        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).RegisterAsync("short", Guid.NewGuid()));

        Assert.Equal(ActorScaleErrorCode.InvalidPassword, error.Code);
        await _client.Session(user).RegisterAsync(TestUsers.Password, Guid.NewGuid());
    }

    [Fact]
    public async Task Validate_ForeignOrMalformedToken_Invalid()
    {
        var (_, aliceToken) = await _client.SignUpAsync("alice");
        var (bob, _) = await _client.SignUpAsync("bob");

        Assert.Equal(TokenStatus.Invalid, (await _client.Session(bob).ValidateAsync(aliceToken)).Status);
        Assert.Equal(TokenStatus.Invalid, (await _client.Session(bob).ValidateAsync("garbage")).Status);
        Assert.Equal(TokenStatus.Invalid, (await _client.Session(bob).ValidateAsync(TokenSecrets.NewToken(bob).ToString())).Status);
    }

    [Fact]
    public async Task Logout_RevokesThatSessionOnly_AndIsIdempotentPerOperation()
    {
        var (user, first) = await _client.SignUpAsync();
        var second = (await _client.Session(user).LoginAsync(TestUsers.Password)).Token;
        var operation = Guid.NewGuid();

        await _client.Session(user).LogoutAsync(first, operation);
        await _client.Session(user).LogoutAsync(first, operation);

        Assert.Equal(TokenStatus.Revoked, (await _client.Session(user).ValidateAsync(first)).Status);
        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(second)).Status);
        var again = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).LogoutAsync(first, Guid.NewGuid()));
        Assert.Equal(ActorScaleErrorCode.TokenRevoked, again.Code);
    }

    [Fact]
    public async Task RevokeAll_RevokesEverySession_AndReplayReturnsTheSameCount()
    {
        var (user, first) = await _client.SignUpAsync();
        var second = (await _client.Session(user).LoginAsync(TestUsers.Password)).Token;
        var operation = Guid.NewGuid();

        Assert.Equal(2, await _client.Session(user).RevokeAllAsync(second, operation));
        Assert.Equal(2, await _client.Session(user).RevokeAllAsync(second, operation));

        Assert.Equal(TokenStatus.Revoked, (await _client.Session(user).ValidateAsync(first)).Status);
        Assert.Equal(TokenStatus.Revoked, (await _client.Session(user).ValidateAsync(second)).Status);
    }

    [Fact]
    public async Task Logout_IsSeenAtOnceThroughAClientOnAnotherGateway()
    {
        var (user, token) = await _client.SignUpAsync();
        await using var other = await PinnedClient.ConnectAsync(fixture.Cluster, fixture.Cluster.Silos[1]);
        Assert.Equal(TokenStatus.Valid, (await other.Client.Session(user).ValidateAsync(token)).Status);

        await _client.Session(user).LogoutAsync(token, Guid.NewGuid());

        Assert.Equal(TokenStatus.Revoked, (await other.Client.Session(user).ValidateAsync(token)).Status);
        var error = await Assert.ThrowsAsync<ActorScaleException>(() => other.Client.Cart(user).GetAsync(token));
        Assert.Equal(ActorScaleErrorCode.TokenRevoked, error.Code);
    }

    [Fact]
    public async Task Session_IdleTimeout_ExpiresUnusedSession_ButUseSlidesIt()
    {
        var (user, token) = await _client.SignUpAsync();
        var (_, idle) = (user, (await _client.Session(user).LoginAsync(TestUsers.Password)).Token);

        GrainClusterFixture.Clock.Advance(_defaults.IdleTimeout - TimeSpan.FromMinutes(2));
        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(token)).Status);
        GrainClusterFixture.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(token)).Status);
        Assert.Equal(TokenStatus.Expired, (await _client.Session(user).ValidateAsync(idle)).Status);
        var error = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(user).GetAsync(idle));
        Assert.Equal(ActorScaleErrorCode.TokenExpired, error.Code);
    }

    [Fact]
    public async Task Session_AbsoluteLifetime_EndsEvenAnActiveSession()
    {
        var (user, token) = await _client.SignUpAsync();
        var end = GrainClusterFixture.Clock.GetUtcNow() + _defaults.AbsoluteLifetime;

        while (GrainClusterFixture.Clock.GetUtcNow() + _defaults.IdleTimeout < end)
        {
            GrainClusterFixture.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(token)).Status);
        }

        GrainClusterFixture.Clock.Advance(end - GrainClusterFixture.Clock.GetUtcNow());
        Assert.Equal(TokenStatus.Expired, (await _client.Session(user).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task Login_ManyWrongPasswordsFromOneAddress_ThrottlesThatAddressButNotTheUserElsewhere()
    {
        const string Attacker = "203.0.113.7";
        var (user, _) = await _client.SignUpAsync();
        for (var i = 0; i < _limits.LoginFreeFailures; i++)
        {
            var wrong = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).LoginAsync("wrong password", Attacker));
            Assert.Equal(ActorScaleErrorCode.InvalidCredentials, wrong.Code);
        }

        var throttled = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).LoginAsync(TestUsers.Password, Attacker));
        var elsewhere = await _client.Session(user).LoginAsync(TestUsers.Password, "198.51.100.2");

        Assert.Equal(ActorScaleErrorCode.TooManyRequests, throttled.Code);
        Assert.Equal(_limits.LoginBaseDelay, throttled.RetryAfter);
        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(elsewhere.Token)).Status);
    }

    [Fact]
    public async Task Login_ThrottledAddressAfterItsWait_RightPasswordLogsIn()
    {
        const string Address = "203.0.113.8";
        var (user, _) = await _client.SignUpAsync();
        for (var i = 0; i < _limits.LoginFreeFailures; i++)
        {
            await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).LoginAsync("wrong password", Address));
        }

        GrainClusterFixture.Clock.Advance(_limits.LoginBaseDelay);
        var login = await _client.Session(user).LoginAsync(TestUsers.Password, Address);

        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(login.Token)).Status);
    }

    [Fact]
    public async Task Login_UnknownUser_HashesLikeAWrongPasswordAndAnswersInvalidCredentials()
    {
        var (known, _) = await _client.SignUpAsync();
        var before = fixture.HashesRun();
        var wrong = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(known).LoginAsync("wrong password", "192.0.2.1"));
        var afterWrong = fixture.HashesRun();

        var unknown = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(TestUsers.NewId("ghost")).LoginAsync(TestUsers.Password, "192.0.2.1"));

        Assert.Equal((ActorScaleErrorCode.InvalidCredentials, wrong.Message), (unknown.Code, unknown.Message));
        Assert.Equal(1, afterWrong - before);
        Assert.Equal(1, fixture.HashesRun() - afterWrong);
    }

    [Fact]
    public async Task Invoke_GatewayMutationsBeyondTheBurst_TooManyRequestsUntilRefilled()
    {
        var user = TestUsers.NewId("burst");
        var operation = Guid.NewGuid();
        for (var i = 0; i < _limits.GatewayBurstPerUser; i++)
        {
            await _client.Session(user).RegisterAsync(TestUsers.Password, operation);
        }

        var refused = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).RegisterAsync(TestUsers.Password, operation));
        var read = await _client.Session(user).ValidateAsync("as1.nobody.x");
        GrainClusterFixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await _client.Session(user).RegisterAsync(TestUsers.Password, operation);

        Assert.Equal(ActorScaleErrorCode.TooManyRequests, refused.Code);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(TokenStatus.Invalid, read.Status);
    }

    [Fact]
    public async Task Login_EleventhSession_EvictsTheOldest()
    {
        var (user, oldest) = await _client.SignUpAsync();
        for (var i = 1; i < _defaults.MaxSessionsPerUser; i++)
        {
            await _client.Session(user).LoginAsync(TestUsers.Password);
        }

        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(oldest)).Status);
        var newest = await _client.Session(user).LoginAsync(TestUsers.Password);

        Assert.Equal(TokenStatus.Revoked, (await _client.Session(user).ValidateAsync(oldest)).Status);
        Assert.Equal(_defaults.MaxSessionsPerUser, (await _client.Session(user).WhoAmIAsync(newest.Token)).ActiveSessions);
    }
}
