namespace ActorScale.Domain.Users;

/// <summary>
/// User ids are case-folded before any rule or lookup, so <c>Alice</c> and <c>alice</c> are one user on every server.
/// The rule for a valid id is <see cref="Validation.InputRules.RequireUserId"/>.
/// </summary>
public static class UserIds
{
    private const string KeyPrefix = "u:";

    public static string Normalize(string? userId) => (userId ?? "").Trim().ToLowerInvariant();

    /// <summary>
    /// The user's key: the case-folded id behind a <c>u:</c> prefix. The grains' key (the prefix keeps every key from
    /// parsing as hex or a GUID, which the ADO.NET storage provider would store as an integer key: users <c>ab</c> and
    /// <c>0ab</c> would share a row), and what both designs place a user on a database shard by.
    /// </summary>
    public static string Key(string userId) => KeyPrefix + Normalize(userId);

    /// <summary>The user id held in a key made by <see cref="Key"/>.</summary>
    public static string OfKey(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key[KeyPrefix.Length..] : key;
}
