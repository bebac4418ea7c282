using ActorScale.Domain.Users;

namespace ActorScale.Abstractions;

/// <summary>
/// Grain keys of per-user grains: the case-folded user id (<see cref="UserIds.Normalize"/>) behind a <c>u:</c> prefix.
/// The prefix keeps every key from parsing as hex or a GUID, which the ADO.NET storage provider would otherwise store
/// as an integer key (users <c>ab</c> and <c>0ab</c> would share a row).
/// </summary>
public static class UserKey
{
    private const string Prefix = "u:";

    /// <summary>The grain key of a user id (case-folded; validated by the grain).</summary>
    public static string For(string userId) => Prefix + UserIds.Normalize(userId);

    /// <summary>The user id held in a grain key made by <see cref="For"/>.</summary>
    public static string UserIdOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;
}
