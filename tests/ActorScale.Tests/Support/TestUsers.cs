using ActorScale.Abstractions;
using ActorScale.Abstractions.Carts;
using ActorScale.Abstractions.Sessions;

namespace ActorScale.Tests.Support;

/// <summary>Fresh users per test, so tests sharing a cluster never see each other's state.</summary>
public static class TestUsers
{
    public const string Password = "correct horse battery";

    public static string NewId(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public static IUserSessionGrain Session(this IClusterClient client, string user) => client.GetGrain<IUserSessionGrain>(UserKey.For(user));

    public static ICartGrain Cart(this IClusterClient client, string user) => client.GetGrain<ICartGrain>(UserKey.For(user));

    /// <summary>Registers a new user and logs in; returns the user id and a token.</summary>
    public static async Task<(string User, string Token)> SignUpAsync(this IClusterClient client, string prefix = "user")
    {
        var user = NewId(prefix);
        await client.Session(user).RegisterAsync(Password, Guid.NewGuid());
        var login = await client.Session(user).LoginAsync(Password);
        return (user, login.Token);
    }
}
