using ActorScale.Domain.Admission;

namespace ActorScale.Domain.Sessions;

/// <summary>
/// The session rules as pure functions of a <see cref="UserSessionState"/> and the time. The grain owns I/O
/// (storage, idempotency); everything here is unit-testable without a silo.
/// </summary>
public sealed class SessionRules(SessionOptions options, PasswordGate passwords)
{
    /// <summary>
    /// The stored form of a new account's password, computed through the process's <see cref="PasswordGate"/> (waiting
    /// briefly for a slot): before the state is changed, so that a refusal changes nothing.
    /// </summary>
    public Task<string> HashAsync(string password) => passwords.HashAsync(password);

    /// <summary>Makes a new account of <paramref name="state"/> with a hash from <see cref="HashAsync"/>.</summary>
    public static void Register(UserSessionState state, string passwordHash, DateTimeOffset now)
    {
        if (state.IsRegistered)
        {
            throw SessionErrors.UserExists();
        }

        state.PasswordHash = passwordHash;
        state.RegisteredAt = now;
    }

    /// <summary>
    /// True for the account's password. An unknown user costs the same hash (against a dummy) and gets the same false, so
    /// neither the answer nor its time tells whether the account exists. Changes nothing: failures are throttled by the
    /// caller per client address (<see cref="LoginThrottle"/>), not counted in the account.
    /// </summary>
    public Task<bool> CheckPasswordAsync(UserSessionState state, string password) => passwords.VerifyAsync(password, state.PasswordHash);

    /// <summary>Opens a session (evicting the oldest beyond <see cref="SessionOptions.MaxSessionsPerUser"/>) after <see cref="CheckPasswordAsync"/> passed.</summary>
    public LoginResult Open(UserSessionState state, string userId, DateTimeOffset now)
    {
        Prune(state, now);
        while (state.Sessions.Count >= options.MaxSessionsPerUser)
        {
            End(state, state.Sessions[0], TokenStatus.Revoked);
        }

        var token = TokenSecrets.NewToken(userId);
        var session = new SessionRecord
        {
            Digest = TokenSecrets.Digest(token.Secret),
            CreatedAt = now,
            ExpiresAt = now + options.AbsoluteLifetime,
            LastSeenAt = now,
        };
        state.Sessions.Add(session);
        return new LoginResult(token.ToString(), userId, session.ExpiresAt, IdleExpiry(session));
    }

    /// <summary>Finds the session of a token's secret and says whether it is live.</summary>
    public (TokenStatus Status, SessionRecord? Session) Find(UserSessionState state, string secret, DateTimeOffset now) =>
        FindDigest(state, TokenSecrets.Digest(secret), now);

    /// <summary>Finds the session of a token's digest (<see cref="TokenSecrets.Digest"/>) and says whether it is live.</summary>
    public (TokenStatus Status, SessionRecord? Session) FindDigest(UserSessionState state, string digest, DateTimeOffset now)
    {
        foreach (var session in state.Sessions)
        {
            if (TokenSecrets.DigestEquals(session.Digest, digest))
            {
                return (IsExpired(session, now) ? TokenStatus.Expired : TokenStatus.Valid, session);
            }
        }

        foreach (var ended in state.Ended)
        {
            if (TokenSecrets.DigestEquals(ended.Digest, digest))
            {
                return (ended.Reason, null);
            }
        }

        return (TokenStatus.Invalid, null);
    }

    /// <summary>Slides the idle timeout; true when the stored last-seen time moved and should be written.</summary>
    public bool Touch(SessionRecord session, DateTimeOffset now)
    {
        if (now - session.LastSeenAt < options.LastSeenPersistInterval)
        {
            return false;
        }

        session.LastSeenAt = now;
        return true;
    }

    public void End(UserSessionState state, SessionRecord session, TokenStatus reason)
    {
        state.Sessions.Remove(session);
        state.Ended.Add(new EndedSessionRecord { Digest = session.Digest, Reason = reason, KeepUntil = session.ExpiresAt });
        if (state.Ended.Count > options.MaxEndedSessionsKept)
        {
            state.Ended.RemoveRange(0, state.Ended.Count - options.MaxEndedSessionsKept);
        }
    }

    public int EndAll(UserSessionState state)
    {
        var count = state.Sessions.Count;
        foreach (var session in state.Sessions.ToList())
        {
            End(state, session, TokenStatus.Revoked);
        }

        return count;
    }

    /// <summary>Ends expired sessions and forgets ended ones past their absolute expiry; true if anything changed.</summary>
    public bool Prune(UserSessionState state, DateTimeOffset now)
    {
        var changed = false;
        foreach (var session in state.Sessions.Where(s => IsExpired(s, now)).ToList())
        {
            End(state, session, TokenStatus.Expired);
            changed = true;
        }

        changed |= state.Ended.RemoveAll(e => e.KeepUntil <= now) > 0;
        return changed;
    }

    public DateTimeOffset IdleExpiry(SessionRecord session)
    {
        var idle = session.LastSeenAt + options.IdleTimeout;
        return idle < session.ExpiresAt ? idle : session.ExpiresAt;
    }

    private bool IsExpired(SessionRecord session, DateTimeOffset now) => now >= IdleExpiry(session);
}
