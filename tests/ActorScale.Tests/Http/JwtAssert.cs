using Microsoft.IdentityModel.JsonWebTokens;

namespace ActorScale.Tests.Http;

/// <summary>The token shape of the JWT designs: a signed (HS256) compact JWT whose subject is the user.</summary>
public static class JwtAssert
{
    public static void IsTokenOf(string user, string? token)
    {
        Assert.NotNull(token);
        var jwt = new JsonWebToken(token);
        Assert.Equal(("HS256", user), (jwt.Alg, jwt.Subject));
        Assert.False(string.IsNullOrEmpty(jwt.Id), "the token has no jti");
    }
}
