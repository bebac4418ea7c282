namespace ActorScale.Domain.Users;

/// <summary>
/// User ids are case-folded before any rule or lookup, so <c>Alice</c> and <c>alice</c> are one user on every server.
/// The rule for a valid id is <see cref="Validation.InputRules.RequireUserId"/>.
/// </summary>
public static class UserIds
{
    public static string Normalize(string? userId) => (userId ?? "").Trim().ToLowerInvariant();
}
