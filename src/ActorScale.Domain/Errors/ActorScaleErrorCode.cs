namespace ActorScale.Domain.Errors;

/// <summary>
/// Stable error codes. Scripts match on the name (printed by <c>--json</c>), so names are never changed or reused;
/// new codes are only appended.
/// </summary>
public enum ActorScaleErrorCode
{
    /// <summary>The user id is not 3–64 characters of <c>[a-z0-9._-]</c>.</summary>
    InvalidUserId = 1,

    /// <summary>The password is not 8–256 characters long.</summary>
    InvalidPassword = 2,

    /// <summary>The user is already registered.</summary>
    UserExists = 3,

    /// <summary>Unknown user or wrong password (deliberately not told apart).</summary>
    InvalidCredentials = 4,

    /// <summary>No longer produced (failed logins are throttled with <see cref="TooManyRequests"/> instead); kept so the number is never reused.</summary>
    LockedOut = 5,

    /// <summary>The token is malformed or unknown.</summary>
    InvalidToken = 6,

    /// <summary>The session passed its absolute lifetime or its idle timeout.</summary>
    TokenExpired = 7,

    /// <summary>The session was logged out, revoked or evicted.</summary>
    TokenRevoked = 8,

    /// <summary>The token belongs to another user than the resource.</summary>
    Forbidden = 9,

    /// <summary>The SKU is not 1–64 characters of <c>[A-Za-z0-9._-]</c>.</summary>
    InvalidSku = 10,

    /// <summary>The SKU is well formed but not in the catalog.</summary>
    UnknownSku = 11,

    /// <summary>The quantity is outside 1–999 (or the line would exceed 999).</summary>
    InvalidQuantity = 12,

    /// <summary>The cart already holds the maximum number of distinct lines.</summary>
    CartFull = 13,

    /// <summary>The SKU is not in the cart.</summary>
    NotInCart = 14,

    /// <summary>Checkout of an empty cart.</summary>
    EmptyCart = 15,

    /// <summary>The operation id is missing (the empty GUID).</summary>
    InvalidOperationId = 16,

    /// <summary>Durable storage failed: the change was not applied and may be retried with the same operation id.</summary>
    StorageUnavailable = 17,

    /// <summary>Another activation wrote newer state: the change was not applied and may be retried with the same operation id.</summary>
    Conflict = 18,

    /// <summary>The cluster could not be reached or did not answer in time: the outcome is unknown, retry with the same operation id.</summary>
    Unavailable = 19,

    /// <summary>The command line or a request is malformed.</summary>
    BadRequest = 20,

    /// <summary>An operation id (<c>Idempotency-Key</c>) already used for another operation or another payload: nothing was changed.</summary>
    IdempotencyKeyReused = 21,

    /// <summary>A mutation that must carry an operation id (<c>Idempotency-Key</c>) came without one: nothing was changed.</summary>
    IdempotencyKeyRequired = 22,

    /// <summary>Too many requests from this client or for this user, or the server is at its limit: retry after the time given.</summary>
    TooManyRequests = 23,

    /// <summary>The request body is larger than the API accepts.</summary>
    PayloadTooLarge = 24,

    /// <summary>The request's headers are larger than the API accepts.</summary>
    HeadersTooLarge = 25,
}
