namespace ActorScale.Abstractions;

/// <summary>
/// Grain keys of per-user grains. User ids are case-folded here, before routing, so <c>Alice</c> and <c>alice</c>
/// reach one grain. The <c>u:</c> prefix keeps every key from parsing as hex or a GUID, which the ADO.NET storage
/// provider would otherwise store as an integer key (users <c>ab</c> and <c>0ab</c> would share a row).
/// </summary>
public static class UserKey
{
    private const string Prefix = "u:";

    /// <summary>The grain key of a user id (case-folded; validated by the grain).</summary>
    public static string For(string userId) => Prefix + userId.Trim().ToLowerInvariant();

    /// <summary>The user id held in a grain key made by <see cref="For"/>.</summary>
    public static string UserIdOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;
}
