using ActorScale.Abstractions;
using ActorScale.Abstractions.Sessions;
using ActorScale.Domain.Admission;
using ActorScale.Domain.Carts;
using ActorScale.Domain.Errors;
using ActorScale.Domain.Operations;
using ActorScale.Domain.Sessions;
using ActorScale.Domain.Telemetry;
using ActorScale.Domain.Validation;
using ActorScale.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.Placement;
using Orleans.Storage;

namespace ActorScale.Grains.Users;

/// <summary>
/// One user: account, sessions, cart and orders in a single activation, so a cart call checks its token locally
/// (one grain hop per request) and a revocation is in force for the very next call on any silo. Calls are not
/// interleaved (the grain is not reentrant), so each mutation is check, apply, write, acknowledge.
/// Placed on the silo that first calls it: behind a load balancer that routes each user to one silo (the local
/// nginx hashes on the user), every HTTP request of that user is then a local grain call, with no hop to another silo
/// (measured by <c>actorscale bench</c>: the hop doubled a silo's CPU per request). Routing is only a hint: a request
/// on any other silo still reaches the one activation, and then the grain moves to that silo (see <see cref="Invoke"/>).
/// </summary>
[PreferLocalPlacement]
public sealed partial class UserGrain(
    [PersistentState(StateNames.Session, StateNames.Storage)] IPersistentState<UserSessionState> session,
    [PersistentState(StateNames.Cart, StateNames.Storage)] IPersistentState<CartState> cart,
    UserGrainServices services) : Grain, IUserSessionGrain, IIncomingGrainCallFilter
{
    /// <summary>Requests in a row at the same other silo's front door before the grain moves there.</summary>
    public const int FollowAfter = 3;

    private readonly DateTimeOffset _activatedAt = services.Time.GetUtcNow();
    private bool _following;
    private SiloAddress? _elsewhere;
    private int _elsewhereInARow;

    private string UserId => UserKey.UserIdOf(this.GetPrimaryKeyString());

    private DateTimeOffset Now => services.Time.GetUtcNow();

    private SessionRules Sessions => services.Sessions;

    /// <summary>
    /// Counts where the request came in and, when it came in at another silo's front door, moves this grain there with
    /// its state in memory (live migration, once the current call is done): after a scale-out or a restart the load
    /// balancer sends a user to another silo, and the grain follows instead of costing a hop between silos per request.
    /// The grain of a user who is not registered (a login or token for an unknown id) leaves memory after the call
    /// instead of living for the collection age: otherwise made-up ids fill a silo with empty activations.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var frontDoor = FrontDoor.Current;
        AdmitGatewayCall(context.InterfaceMethod);
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (!session.State.IsRegistered)
            {
                DeactivateOnIdle();
            }
            else if (frontDoor is not null)
            {
                Route(frontDoor);
            }
        }
    }

    public Task<GrainLocation> LocateAsync() => Task.FromResult(new GrainLocation(services.Silo.SiloAddress.ToString(), services.Silo.Name, _activatedAt));

    public async Task RegisterAsync(string password, Guid operationId)
    {
        InputRules.RequireUserId(UserId);
        InputRules.RequirePassword(password);
        InputRules.RequireOperationId(operationId);

        // The password is not part of the fingerprint: even a truncated digest of it would be a guessable copy at rest.
        var intent = OperationIntent.Of(operationId, "register");
        if (OperationWindow.Find(session.State.Operations, intent) is not null)
        {
            return;
        }

        if (session.State.IsRegistered)
        {
            // A taken id costs no hash (register says whether an id is taken anyway: README, Security).
            throw SessionErrors.UserExists();
        }

        var hash = await Sessions.HashAsync(password);
        await MutateAsync(session, s =>
        {
            SessionRules.Register(s, hash, Now);
            OperationWindow.Record(s.Operations, services.SessionOperationWindow, intent, s.Version + 1);
            return 0;
        });
    }

    public Task<LoginResult> LoginAsync(string password) => LoginAsync(password, null);

    public async Task<LoginResult> LoginAsync(string password, string? clientAddress)
    {
        InputRules.RequireUserId(UserId);
        InputRules.RequirePassword(password);
        await CheckPasswordAsync(password, clientAddress);
        var result = await MutateAsync(session, s => Sessions.Open(s, UserId, Now));
        ActorScaleMetrics.SessionsOpened.Add(1);
        return result with { Token = services.Tokens.Sign(result.Token) };
    }

    public async Task<TokenCheck> ValidateAsync(string token)
    {
        var verdict = services.Tokens.Check(token);
        if (!verdict.IsIssued || verdict.Token.UserId != UserId)
        {
            return new TokenCheck(TokenStatus.Invalid, null, null, null);
        }

        var (status, record) = Sessions.Find(session.State, verdict.Token.Secret, Now);
        if (status != TokenStatus.Valid)
        {
            return new TokenCheck(status, null, null, null);
        }

        await TouchAsync(record!);
        return new TokenCheck(TokenStatus.Valid, UserId, record!.ExpiresAt, Sessions.IdleExpiry(record));
    }

    public async Task<SessionInfo> WhoAmIAsync(string token)
    {
        var record = await AuthenticateAsync(token);
        return new SessionInfo(UserId, record.CreatedAt, record.ExpiresAt, Sessions.IdleExpiry(record), session.State.Sessions.Count);
    }

    public Task LogoutAsync(string token, Guid operationId) =>
        SessionOperationAsync(token, operationId, "logout", (s, live) =>
        {
            Sessions.End(s, live, TokenStatus.Revoked);
            return 0;
        });

    public Task<int> RevokeAllAsync(string token, Guid operationId) =>
        SessionOperationAsync(token, operationId, "revoke-all", (s, _) => Sessions.EndAll(s));

    /// <summary>
    /// A logout or revoke-all, applied once per operation id and bound to the session of the token that asked: the
    /// token is checked first (it must be one this grain issued, live or already ended by this very operation), so a
    /// replay needs the same token, and the same id with another session or kind is refused without a change.
    /// </summary>
    private async Task<int> SessionOperationAsync(string token, Guid operationId, string kind, Func<UserSessionState, SessionRecord, int> apply)
    {
        InputRules.RequireOperationId(operationId);
        var (digest, status, live) = Identify(token);
        var intent = OperationIntent.Of(operationId, kind, digest);
        if (OperationWindow.FindId(session.State.Operations, operationId) is { } done)
        {
            if (!OperationWindow.IsOtherIntent(done, intent))
            {
                ActorScaleMetrics.OperationReplays.Add(1, ActorScaleMetrics.Tag("operation", kind));
                return int.Parse(done.Result ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            }

            // Someone else's key: an ended or unknown token learns nothing more than its own 401.
            RequireLive(status);
            throw OperationWindow.Reused();
        }

        RequireLive(status);
        await TouchAsync(live!);
        var ended = await MutateAsync(session, s =>
        {
            var count = apply(s, Same(s, live!));
            OperationWindow.Record(s.Operations, services.SessionOperationWindow, intent, s.Version + 1, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return count;
        });
        ActorScaleMetrics.SessionsRevoked.Add(kind == "logout" ? 1 : ended, ActorScaleMetrics.Tag("reason", kind));
        return ended;
    }

    /// <summary>The live session of a token of this user, or the error that refuses the call.</summary>
    private async Task<SessionRecord> AuthenticateAsync(string token)
    {
        var (_, status, record) = Identify(token);
        RequireLive(status);
        await TouchAsync(record!);
        return record!;
    }

    /// <summary>
    /// The session a token names, live or ended: its digest and status. A token this grain never issued (or of another
    /// user, or malformed) is refused here.
    /// </summary>
    private (string Digest, TokenStatus Status, SessionRecord? Live) Identify(string token)
    {
        var verdict = services.Tokens.Check(token);
        if (!verdict.IsToken)
        {
            throw SessionErrors.Malformed();
        }

        // The silo's HTTP front door has refused forged tokens already (the answer is in the signer's memo by now); this is
        // for callers through the Orleans gateway.
        if (!verdict.IsIssued)
        {
            throw SessionErrors.NotIssued();
        }

        if (verdict.Token.UserId != UserId)
        {
            throw SessionErrors.OtherUser();
        }

        var digest = TokenSecrets.Digest(verdict.Token.Secret);
        var (status, record) = Sessions.FindDigest(session.State, digest, Now);
        if (status == TokenStatus.Invalid)
        {
            throw SessionErrors.For(status);
        }

        return (digest, status, record);
    }

    private static void RequireLive(TokenStatus status)
    {
        if (status != TokenStatus.Valid)
        {
            throw SessionErrors.For(status);
        }
    }

    /// <summary>Slides the idle timeout. A failed write here is not the caller's error: the read still answers.</summary>
    private async Task TouchAsync(SessionRecord record)
    {
        if (!Sessions.Touch(record, Now))
        {
            return;
        }

        try
        {
            session.State.Version++;
            await session.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not ActorScaleException)
        {
            LogTouchFailed(services.Logger, ex, UserId);
            if (ex is InconsistentStateException)
            {
                DeactivateOnIdle();
            }
        }
    }

    /// <summary>
    /// Applies a change to a copy of the state, writes it, and only then makes it the grain's state. A rejected
    /// change or a failed write leaves memory as it was; a conflicting write (another activation wrote since we
    /// read) also deactivates this one, so the retry reads what storage really holds.
    /// </summary>
    private async Task<TResult> MutateAsync<TState, TResult>(IPersistentState<TState> store, Func<TState, TResult> apply)
        where TState : class, IVersioned
    {
        var before = store.State;
        var next = StateJsonSerializer.Clone(before);
        var result = apply(next);
        next.Version++;
        store.State = next;
        try
        {
            await store.WriteStateAsync();
            return result;
        }
        catch (InconsistentStateException ex)
        {
            store.State = before;
            throw Conflicted(ex);
        }
        catch (Exception ex)
        {
            store.State = before;
            LogStorageFailed(services.Logger, ex, UserId);
            throw new ActorScaleException(ActorScaleErrorCode.StorageUnavailable, "the change was not saved (storage unavailable): retry with the same operation id");
        }
    }

    /// <summary>Another activation wrote since this one read: this one leaves, so the retry reads what storage really holds.</summary>
    private ActorScaleException Conflicted(InconsistentStateException ex)
    {
        LogConflict(services.Logger, ex, UserId);
        DeactivateOnIdle();
        return new ActorScaleException(ActorScaleErrorCode.Conflict, "the change was not saved (a newer version exists): retry with the same operation id");
    }

    private void Route(SiloAddress frontDoor)
    {
        if (frontDoor.Equals(services.Silo.SiloAddress))
        {
            services.Routing.CountLocal();
            _elsewhereInARow = 0;
            return;
        }

        services.Routing.CountForwarded();
        _elsewhereInARow = frontDoor.Equals(_elsewhere) ? _elsewhereInARow + 1 : 1;
        _elsewhere = frontDoor;

        // One request elsewhere is no move: the balancer retries a slow answer on the next silo. Only a user whose
        // requests keep arriving at the same other silo (a scale-out, a drain) is followed there.
        if (_following || _elsewhereInARow < FollowAfter || services.Membership.CurrentSnapshot.GetSiloStatus(frontDoor) != SiloStatus.Active)
        {
            return;
        }

        _following = true;
        RequestContext.Set(IPlacementDirector.PlacementHintKey, frontDoor);
        this.MigrateOnIdle();
        services.Routing.CountMigration();
        LogFollowing(services.Logger, UserId, frontDoor);
    }

    private static SessionRecord Same(UserSessionState copy, SessionRecord original) =>
        copy.Sessions.First(s => s.Digest == original.Digest);
}
