namespace ActorScale.Baseline.Sessions;

/// <summary>What a baseline JWT carries: no store holds it.</summary>
/// <param name="UserId">The <c>sub</c> claim.</param>
/// <param name="Id">The <c>jti</c> claim: the denylist key.</param>
/// <param name="CreatedAt">Login time, to the millisecond (claim <c>ctm</c>), compared with a revoke-all's "not before".</param>
/// <param name="ExpiresAt">The <c>exp</c> claim (whole seconds).</param>
/// <param name="ActiveSessions">The user's live sessions at login (claim <c>ses</c>): a token cannot know later logins.</param>
public sealed record JwtSession(string UserId, string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int ActiveSessions);
