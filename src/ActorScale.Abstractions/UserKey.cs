using ActorScale.Domain.Users;

namespace ActorScale.Abstractions;

/// <summary>Grain keys of per-user grains: <see cref="UserIds.Key"/>.</summary>
public static class UserKey
{
    /// <summary>The grain key of a user id (case-folded; validated by the grain).</summary>
    public static string For(string userId) => UserIds.Key(userId);

    /// <summary>The user id held in a grain key made by <see cref="For"/>.</summary>
    public static string UserIdOf(string grainKey) => UserIds.OfKey(grainKey);
}
