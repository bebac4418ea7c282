using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Sessions;
using ActorScale.Http.Contract;
using ActorScale.Silo.Http;
using ActorScale.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Metadata;
using Orleans.TestingHost;

namespace ActorScale.Tests.Grains.Users;

/// <summary>Tokens the cluster never issued, and users who do not exist, cost no lasting activation.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class TokenGrainTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly IClusterClient _client = fixture.Client;

    [Fact]
    public async Task Validate_TokenWithWrongMac_IsInvalid()
    {
        var (user, token) = await _client.SignUpAsync("mac");

        var check = await _client.Session(user).ValidateAsync(WithWrongMac(token));

        Assert.Equal(TokenStatus.Invalid, check.Status);
        Assert.Equal(TokenStatus.Valid, (await _client.Session(user).ValidateAsync(token)).Status);
    }

    [Fact]
    public async Task WhoAmI_TokenWithWrongMacOrUnsigned_RefusedWithInvalidToken()
    {
        var (user, token) = await _client.SignUpAsync("mac");
        Assert.True(SessionToken.TryParse(token, out var parsed));

        var wrongMac = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).WhoAmIAsync(WithWrongMac(token)));
        var unsigned = await Assert.ThrowsAsync<ActorScaleException>(() => _client.Cart(user).GetAsync(new SessionToken(parsed.UserId, parsed.Secret).ToString()));

        Assert.Equal((ActorScaleErrorCode.InvalidToken, "the token was not issued by this cluster"), (wrongMac.Code, wrongMac.Message));
        Assert.Equal(ActorScaleErrorCode.InvalidToken, unsigned.Code);
    }

    [Fact]
    public async Task Login_IssuesATokenSignedWithTheClusterKey()
    {
        var (user, token) = await _client.SignUpAsync("signed");

        Assert.True(SessionToken.TryParse(token, out var parsed));
        Assert.StartsWith($"as1.{user}.", token, StringComparison.Ordinal);
        Assert.True(GrainClusterFixture.Tokens.Verify(parsed));
    }

    [Fact]
    public async Task Login_UnknownUser_GrainDeactivatesAtOnce()
    {
        var user = TestUsers.NewId("ghost");

        await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(user).LoginAsync(TestUsers.Password));

        await Eventually.ReturnsAsync($"{user}'s grain to deactivate", () => IsActiveAsync(user), active => !active, Deadline);
    }

    [Fact]
    public async Task Login_RegisteredUser_GrainStaysActive()
    {
        var (user, _) = await _client.SignUpAsync("kept");
        var ghost = TestUsers.NewId("ghost");

        await Assert.ThrowsAsync<ActorScaleException>(() => _client.Session(ghost).LoginAsync(TestUsers.Password));
        await Eventually.ReturnsAsync($"{ghost}'s grain to deactivate", () => IsActiveAsync(ghost), active => !active, Deadline);

        // The unknown user's grain is gone; the registered one, called just as recently, is not.
        Assert.True(await IsActiveAsync(user));
    }

    [Fact]
    public async Task FrontDoor_ForgedTokenOfARegisteredUser_RefusedWithoutActivatingTheGrain()
    {
        var (user, token) = await _client.SignUpAsync("forged");
        await _client.Session(user).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.ReturnsAsync($"{user}'s grain to deactivate", () => IsActiveAsync(user), active => !active, Deadline);
        var frontDoor = FrontDoor(GrainClusterFixture.Tokens);
        var forged = Bearer($"as1.{user}.{TokenSecrets.NewToken(user).Secret}.{TokenSigner.KeyIdOf(GrainClusterFixture.TokenKey)}.{new string('A', SessionToken.MacLength)}");

        var refused = Assert.Throws<ActorScaleException>(() => frontDoor.Sessions(forged));

        Assert.Equal(ActorScaleErrorCode.InvalidToken, refused.Code);
        Assert.Equal(ActorScaleErrorCode.InvalidToken, Assert.Throws<ActorScaleException>(() => frontDoor.Cart(Bearer(WithWrongMac(token)))).Code);
        Assert.False(await IsActiveAsync(user));
        Assert.Equal(user, (await frontDoor.Sessions(Bearer(token)).WhoAmIAsync(token)).UserId);
    }

    [Fact]
    public async Task FrontDoor_RotatedKey_OldTokenAcceptedWhilePreviousRefusedOnceRemoved()
    {
        var (user, token) = await _client.SignUpAsync("rotate");
        const string newKey = "rotated-grain-cluster-token-key-0123456789";
        var rotated = FrontDoor(new TokenSigner(newKey, [GrainClusterFixture.TokenKey]));
        var retired = FrontDoor(new TokenSigner(newKey));

        var session = await rotated.Sessions(Bearer(token)).WhoAmIAsync(token);

        Assert.Equal(user, session.UserId);
        Assert.Equal(ActorScaleErrorCode.InvalidToken, Assert.Throws<ActorScaleException>(() => retired.Sessions(Bearer(token))).Code);
    }

    /// <summary>The silo's HTTP front door as the primary silo builds it, with the given keys.</summary>
    private UserGrains FrontDoor(TokenSigner tokens)
    {
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        return new UserGrains(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<ILocalSiloDetails>(), tokens, services.GetRequiredService<GrainInterfaceTypeResolver>(), services.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>());
    }

    /// <summary>The bearer credential as the HTTP binding makes it from a header.</summary>
    private static BearerToken Bearer(string token) =>
        BearerToken.BindAsync(new DefaultHttpContext { Request = { Headers = { Authorization = $"Bearer {token}" } } }).AsTask().Result;

    private async Task<bool> IsActiveAsync(string user)
    {
        var id = _client.Session(user).GetGrainId();
        return (await _client.GetGrain<IManagementGrain>(0).GetActiveGrains(id.Type)).Contains(id);
    }

    private static string WithWrongMac(string token)
    {
        Assert.True(SessionToken.TryParse(token, out var parsed));
        var wrong = (parsed.Mac![0] == 'A' ? 'B' : 'A') + parsed.Mac[1..];
        return (parsed with { Mac = wrong }).ToString();
    }
}
